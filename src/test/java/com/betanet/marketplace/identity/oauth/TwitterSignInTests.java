package com.betanet.marketplace.identity.oauth;

import static com.betanet.marketplace.identity.oauth.ProviderFixtures.signIn;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.unique;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.uniqueEmail;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.xAnswers;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.xUser;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.media.TestImages;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.OAuthTestServers;
import com.betanet.marketplace.support.TestMailServer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /auth/oauth/twitter} against X's {@code GET /2/users/me}; X gives no email. */
class TwitterSignInTests extends HttpTest {

    static final String UNAUTHORIZED = """
            {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"}
            """;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aValidTokenCreatesAnAccountWithoutEmailFromTheXProfile() {
        var token = unique("x-token-");
        var id = unique("");
        var handle = "Njeri_" + id.substring(0, 6);
        var picturePath = "/pictures/" + unique("x") + "_400x400.png";
        OAuthTestServers.wireMock()
                .stubFor(get(urlPathEqualTo(picturePath))
                        .willReturn(aResponse().withBody(TestImages.png(400, 400, false))));
        var normalPicture = OAuthTestServers.wireMockUrl() + picturePath.replace("_400x400.", "_normal.");
        xUser(token, id, "Njeri Mwangi 🇰🇪", handle, normalPicture);

        var response = signIn(api, "twitter", token);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var user = response.json().get("user");
        assertThat(user.get("email").isNull()).isTrue();
        assertThat(user.get("emailVerified").asBoolean()).isFalse();
        assertThat(user.get("username").asString()).startsWith(handle.toLowerCase());
        assertThat(user.get("fullName").asString()).isEqualTo("Njeri Mwangi");
        assertThat(user.get("avatarUrl").asString())
                .as("the 400x400 picture, not the 48-pixel one")
                .startsWith("/media/avatars/");
        assertThat(jdbc.sql("select user_id from oauth_identities where provider = 'twitter' and subject = ?")
                        .param(id)
                        .query(UUID.class)
                        .single())
                .isEqualTo(UUID.fromString(user.get("id").asString()));
    }

    @Test
    void refusesInvalidExpiredAndForbiddenTokens() {
        var invalid = unique("x-token-");
        xAnswers(invalid, 401, UNAUTHORIZED, 0);
        var revoked = unique("x-token-");
        xAnswers(revoked, 401, UNAUTHORIZED, 0);
        var forbidden = unique("x-token-");
        xAnswers(forbidden, 403, """
                {"title": "Client Forbidden", "type": "https://api.twitter.com/2/problems/client-forbidden",
                 "reason": "client-not-enrolled", "detail": "When authenticating requests to the Twitter API v2
                 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.",
                 "registration_url": "https://developer.twitter.com/en/docs/projects/overview"}
                """, 0);
        var noData = unique("x-token-");
        xAnswers(noData, 200, "{\"errors\": [{\"title\": \"Not Found Error\"}]}", 0);

        for (var token : new String[] {invalid, revoked, forbidden, noData}) {
            var response = signIn(api.fromAnotherIp(), "twitter", token);
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("invalid_oauth_token");
        }
    }

    @Test
    void anXOutageIsServiceUnavailable() {
        var slow = unique("x-token-");
        xAnswers(slow, 200, "{\"data\": {\"id\": \"1\", \"name\": \"Late\", \"username\": \"late\"}}", 3_000);
        var down = unique("x-token-");
        xAnswers(down, 503, "{\"title\": \"Service Unavailable\"}", 0);
        var throttled = unique("x-token-");
        xAnswers(throttled, 429, "{\"title\": \"Too Many Requests\", \"status\": 429}", 0);

        for (var token : new String[] {slow, down, throttled}) {
            var response = signIn(api.fromAnotherIp(), "twitter", token);
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.code()).isEqualTo("oauth_provider_unavailable");
        }
    }

    @Test
    void anAccountWithoutEmailAddsOneWithoutAPasswordAndCanThenBeLinkedByIt() {
        var token = unique("x-token-");
        xUser(token, unique(""), "Kip Keino", "kipkeino", null);
        var session = ProviderFixtures.session(signIn(api, "twitter", token));
        var email = uniqueEmail();

        var request = api.post("/api/v1/users/me/email")
                .bearer(session.accessToken())
                .json(Map.of("newEmail", email))
                .send();

        assertThat(request.status()).as(request.toString()).isEqualTo(202);
        var link = TestMailServer.awaitMail(email, "Confirm your new email address")
                .token("/verify-email");
        assertThat(api.post("/api/v1/auth/email/verify")
                        .json(Map.of("token", link))
                        .send()
                        .status())
                .isEqualTo(204);
        var me =
                api.get("/api/v1/users/me").bearer(session.accessToken()).send().json();
        assertThat(me.get("email").asString()).isEqualTo(email);
        assertThat(me.get("emailVerified").asBoolean()).isTrue();

        // the address is now verified on both sides: Google with it signs in to this account
        var google = signIn(
                api, "google", ProviderFixtures.googleIdToken(ProviderFixtures.googleClaims(unique("g"), email, true)));
        assertThat(google.json().get("user").get("id").asString())
                .isEqualTo(session.id().toString());
    }

    @Test
    void aPasswordIsNotAskedOfAnAccountThatHasNone() {
        var token = unique("x-token-");
        xUser(token, unique(""), "Tegla Loroupe", "tegla", null);
        var session = ProviderFixtures.session(signIn(api, "twitter", token));
        var email = uniqueEmail();
        var body = new HashMap<String, Object>();
        body.put("newEmail", email);
        body.put("password", null);

        var response = api.post("/api/v1/users/me/email")
                .bearer(session.accessToken())
                .json(body)
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        TestMailServer.awaitMail(email, "Confirm your new email address");
    }

    @Test
    void anAccountWithAPasswordStillHasToGiveIt() {
        var account = Accounts.buyer(api);

        var response = api.post("/api/v1/users/me/email")
                .bearer(account.accessToken())
                .json(Map.of("newEmail", uniqueEmail()))
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }
}
