package com.betanet.marketplace.identity.oauth;

import static com.betanet.marketplace.identity.oauth.ProviderFixtures.unique;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.uniqueEmail;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.OAuthTestServers;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The browser flow end to end: a JDK HttpClient plays the browser, following each redirect by hand and carrying
 * cookies, through our server and the in-process OpenID provider (Google), or WireMock (X).
 */
class BrowserSignInTests extends HttpTest {

    /** The cookie that carries the pending authorization request. */
    static final String COOKIE = "marketplace_oauth2_request";

    @Autowired
    JdbcClient jdbc;

    @Value("${marketplace.frontend-url}")
    String frontendUrl;

    @Value("${marketplace.rate-limit.auth-per-ip}")
    int perAddress;

    Browser browser;

    @BeforeEach
    void newBrowser() {
        browser = new Browser(api.clientIp());
    }

    @Test
    void signsInWithGoogleAndHandsTheTokensToTheFrontEndInTheFragment() {
        var start = browser.get(url("/oauth2/authorization/google"));

        assertThat(start.statusCode()).isEqualTo(302);
        var authorize = URI.create(location(start));
        assertThat(authorize.toString())
                .startsWith(OAuthTestServers.google()
                        .authorizationEndpointUrl(OAuthTestServers.GOOGLE_ISSUER_ID)
                        .toString());
        var query = query(authorize);
        assertThat(query)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", OAuthTestServers.GOOGLE_CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", url("/login/oauth2/code/google"));
        assertThat(query.get("scope").split(" ")).contains("openid", "email", "profile");
        assertThat(query.get("state")).hasSizeGreaterThan(20);
        assertThat(query.get("code_challenge")).hasSize(43);
        assertThat(query.get("nonce")).isNotBlank();
        var cookie = start.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith(COOKIE + "=")
                .contains("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=600")
                .doesNotContain("Secure") // plain http here; on https the cookie is Secure
                .doesNotContain(query.get("state"))
                .doesNotContain(query.get("code_challenge"));
        assertThat(start.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("JSESSIONID"));

        var subject = unique("browser-");
        var email = uniqueEmail();
        personAtGoogle(subject, email, true);
        var callback = browser.get(location(browser.get(authorize.toString())));
        assertThat(callback.uri().getPath()).isEqualTo("/login/oauth2/code/google");

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
        var landing = URI.create(location(callback));
        assertThat(landing.getScheme() + "://" + landing.getAuthority() + landing.getPath())
                .isEqualTo(frontendUrl + "/oauth/callback");
        assertThat(landing.getQuery()).as("never tokens in the query string").isNull();
        var fragment = parameters(landing.getRawFragment());
        assertThat(fragment).containsKeys("accessToken", "refreshToken", "expiresIn");
        assertThat(fragment).containsEntry("tokenType", "Bearer");
        assertThat(callback.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(callback.headers().allValues("Set-Cookie"))
                .as("the pending request is spent")
                .anyMatch(value -> value.startsWith(COOKIE + "=;") && value.contains("Max-Age=0"));
        assertThat(callback.headers().allValues("Set-Cookie")).noneMatch(value -> value.startsWith("JSESSIONID"));

        var me = api.get("/api/v1/users/me").bearer(fragment.get("accessToken")).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);
        assertThat(me.json().get("emailVerified").asBoolean()).isTrue();
        assertThat(jdbc.sql("select user_id from oauth_identities where provider = 'google' and subject = ?")
                        .param(subject)
                        .query(UUID.class)
                        .single()
                        .toString())
                .isEqualTo(me.json().get("id").asString());
        assertThat(api.post("/api/v1/auth/refresh")
                        .json(Map.of("refreshToken", fragment.get("refreshToken")))
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aCallbackWhoseStateDiffersFromTheCookiesIsRefused() {
        var start = browser.get(url("/oauth2/authorization/google"));
        var authorize = URI.create(location(start));
        var state = query(authorize).get("state");
        var forged = url("/login/oauth2/code/google?code=stolen-code&state=" + state.substring(1) + "x");

        var callback = browser.get(forged);

        assertThat(error(callback)).isEqualTo("invalid_state");
        assertThat(parameters(URI.create(location(callback)).getRawFragment())).doesNotContainKey("accessToken");
    }

    @Test
    void aCallbackWithoutTheCookieIsRefused() {
        var start = browser.get(url("/oauth2/authorization/google"));
        var state = query(URI.create(location(start))).get("state");
        // the victim's browser never started this sign-in (login CSRF): it has no cookie
        var elsewhere = new Browser(api.clientIp());

        var callback = elsewhere.get(url("/login/oauth2/code/google?code=attackers-code&state=" + state));

        assertThat(error(callback)).isEqualTo("invalid_state");
    }

    @Test
    void anAlteredCookieIsRefused() {
        var start = browser.get(url("/oauth2/authorization/google"));
        var state = query(URI.create(location(start))).get("state");
        var value = browser.cookies.get(COOKIE);
        var flipped = (value.charAt(20) == 'A' ? 'B' : 'A');
        browser.cookies.put(COOKIE, value.substring(0, 20) + flipped + value.substring(21));

        var callback = browser.get(url("/login/oauth2/code/google?code=some-code&state=" + state));

        assertThat(error(callback)).isEqualTo("invalid_state");
    }

    @Test
    void aReplayedCallbackDoesNotSignInTwice() {
        var start = browser.get(url("/oauth2/authorization/google"));
        var cookie = browser.cookies.get(COOKIE);
        personAtGoogle(unique("browser-"), uniqueEmail(), true);
        var callbackUrl = location(browser.get(location(start)));
        assertThat(parameters(URI.create(location(browser.get(callbackUrl))).getRawFragment()))
                .containsKey("accessToken");

        // an eavesdropper replays the callback with the (still unexpired) cookie value it captured
        var replay = new Browser(api.clientIp());
        replay.cookies.put(COOKIE, cookie);
        var again = replay.get(callbackUrl);

        assertThat(error(again)).as("the code works once at the provider").isEqualTo("invalid_oauth_token");
    }

    @Test
    void declinedAtTheProviderAndUnknownProvidersEndAtTheFrontEndWithAnError() {
        var start = browser.get(url("/oauth2/authorization/google"));
        var state = query(URI.create(location(start))).get("state");
        var declined = browser.get(url("/login/oauth2/code/google?error=access_denied&state=" + state));
        assertThat(error(declined)).isEqualTo("access_denied");

        assertThat(error(browser.get(url("/oauth2/authorization/github")))).isEqualTo("unknown_provider");
    }

    @Test
    void anUnverifiedAccountWithTheSameAddressIsNotTakenOverInTheBrowserEither() {
        var registration = com.betanet.marketplace.support.Accounts.registration("BUYER");
        var squatter = com.betanet.marketplace.support.Accounts.register(api, registration);
        var start = browser.get(url("/oauth2/authorization/google"));
        personAtGoogle(unique("browser-"), squatter.email(), true);

        var callback = browser.get(location(browser.get(location(start))));

        assertThat(error(callback)).isEqualTo("email_unverified_account_exists");
    }

    @Test
    void signsInWithXWithPkceAndNoClientSecret() {
        var start = browser.get(url("/oauth2/authorization/twitter"));
        var authorize = URI.create(location(start));
        var query = query(authorize);
        assertThat(authorize.toString()).startsWith(OAuthTestServers.wireMockUrl() + "/x/i/oauth2/authorize");
        assertThat(query)
                .containsEntry("client_id", OAuthTestServers.TWITTER_CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .doesNotContainKey("nonce");
        assertThat(query.get("scope").split(" ")).contains("users.read", "tweet.read");
        var code = unique("x-code-");
        var accessToken = unique("x-access-");
        OAuthTestServers.wireMock()
                .stubFor(post(urlPathEqualTo("/x/2/oauth2/token"))
                        .withRequestBody(containing("code=" + code))
                        .willReturn(okJson("""
                                {"token_type": "bearer", "expires_in": 7200, "access_token": "%s",
                                 "scope": "users.read tweet.read"}
                                """.formatted(accessToken))));
        var xId = unique("");
        ProviderFixtures.xUser(accessToken, xId, "Eliud Kipchoge", "eliud_" + xId.substring(0, 5), null);

        // X sends the browser back with the code and our state
        var callback = browser.get(query.get("redirect_uri") + "?state=" + query.get("state") + "&code=" + code);

        var fragment = parameters(URI.create(location(callback)).getRawFragment());
        assertThat(fragment).as(location(callback)).containsKey("accessToken");
        OAuthTestServers.wireMock()
                .verify(postRequestedFor(urlPathEqualTo("/x/2/oauth2/token"))
                        .withRequestBody(containing("code=" + code))
                        .withRequestBody(containing("code_verifier="))
                        .withRequestBody(containing("client_id=" + OAuthTestServers.TWITTER_CLIENT_ID)));
        var me = api.get("/api/v1/users/me")
                .bearer(fragment.get("accessToken"))
                .send()
                .json();
        assertThat(me.get("fullName").asString()).isEqualTo("Eliud Kipchoge");
        assertThat(me.get("email").isNull()).isTrue();
    }

    @Test
    void facebookIsOfferedWithPkceToo() {
        var start = browser.get(url("/oauth2/authorization/facebook"));

        var authorize = URI.create(location(start));
        assertThat(authorize.toString()).startsWith(OAuthTestServers.wireMockUrl() + "/facebook/dialog/oauth");
        assertThat(query(authorize))
                .containsEntry("client_id", OAuthTestServers.FACEBOOK_APP_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsKey("state");
    }

    @Test
    void callbacksCountAgainstTheSignInLimitOfTheAddress() {
        for (int i = 0; i < perAddress; i++) {
            ProviderFixtures.signIn(api, "google", "not-a-token"); // cheap, and counted like any sign-in
        }
        var start = browser.get(url("/oauth2/authorization/google"));
        var state = query(URI.create(location(start))).get("state");

        var callback = browser.get(url("/login/oauth2/code/google?code=some-code&state=" + state));

        assertThat(error(callback)).isEqualTo("rate_limited");
    }

    @Test
    void theOpenApiDocumentDescribesSocialSignIn() {
        var paths = api.get("/v3/api-docs").send().json().get("paths");

        assertThat(paths.has("/oauth2/authorization/{provider}")).isTrue();
        assertThat(paths.has("/login/oauth2/code/{provider}")).isTrue();
        var exchange = paths.get("/api/v1/auth/oauth/{provider}").get("post");
        assertThat(exchange.has("security")).isFalse();
        assertThat(exchange.get("responses").get("401").get("description").asString())
                .contains("invalid_oauth_token");
        assertThat(exchange.get("responses").get("409").get("description").asString())
                .contains("email_unverified_account_exists");
        assertThat(exchange.get("responses").has("429")).isTrue();
        assertThat(paths.get("/api/v1/users/me/identities/{provider}")
                        .get("delete")
                        .get("responses")
                        .get("409")
                        .get("description")
                        .asString())
                .contains("last_sign_in_method");
    }

    /** The next token request at the provider answers for this person. */
    private static void personAtGoogle(String subject, String email, boolean verified) {
        OAuthTestServers.google()
                .enqueueCallback(new DefaultOAuth2TokenCallback(
                        OAuthTestServers.GOOGLE_ISSUER_ID,
                        subject,
                        "JWT",
                        List.of(OAuthTestServers.GOOGLE_CLIENT_ID),
                        Map.of("email", email, "email_verified", verified, "name", "Browser Person"),
                        3600));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private String error(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        var landing = URI.create(location(response));
        assertThat(landing.toString()).startsWith(frontendUrl + "/oauth/callback#");
        var fragment = parameters(landing.getRawFragment());
        assertThat(fragment).doesNotContainKey("accessToken");
        return fragment.get("error");
    }

    private static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
    }

    private static Map<String, String> query(URI uri) {
        var params = new LinkedHashMap<String, String>();
        UriComponentsBuilder.fromUri(uri)
                .build()
                .getQueryParams()
                .forEach((name, values) -> params.put(name, decode(values.get(0))));
        return params;
    }

    private static Map<String, String> parameters(String encoded) {
        var params = new LinkedHashMap<String, String>();
        if (encoded == null) {
            return params;
        }
        for (var pair : encoded.split("&")) {
            var eq = pair.indexOf('=');
            params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** A browser: no automatic redirects, a cookie jar (name → value; every cookie goes to every host here). */
    static final class Browser {
        private static final HttpClient CLIENT = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        final Map<String, String> cookies = new LinkedHashMap<>();
        private final String clientIp;

        Browser(String clientIp) {
            this.clientIp = clientIp;
        }

        HttpResponse<String> get(String url) {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("X-Forwarded-For", clientIp)
                    .GET();
            if (!cookies.isEmpty()) {
                var header = new StringBuilder();
                cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ")
                        .append(name)
                        .append('=')
                        .append(value));
                request.header("Cookie", header.toString());
            }
            try {
                var response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                for (var setCookie : response.headers().allValues("Set-Cookie")) {
                    var pair = setCookie.split(";", 2)[0];
                    var name = pair.substring(0, pair.indexOf('='));
                    var value = pair.substring(pair.indexOf('=') + 1);
                    if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
                return response;
            } catch (IOException e) {
                throw new IllegalStateException("GET " + url + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
