package com.betanet.marketplace.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.ArrayList;
import java.util.List;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stand-ins for the social sign-in providers, started once per test JVM on free ports and shared by every application
 * context, which they point at themselves (like {@link TestMailServer}):
 *
 * <ul>
 *   <li>an in-process OpenID provider (mock-oauth2-server) as Google, issuer {@value #GOOGLE_ISSUER_ID}: it signs the
 *       ID tokens and runs the browser flow's authorization and token endpoints (with PKCE checks);
 *   <li>WireMock for Google's JWKS (the provider's keys, so a test can add a rotated key), Facebook's Graph API under
 *       {@code /graph}, X's API under {@code /x}, and profile pictures.
 * </ul>
 *
 * Tests stub Facebook and X per call with values unique to the test (tokens, ids), so stubs never need resetting.
 */
public final class OAuthTestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String GOOGLE_ISSUER_ID = "google";
    public static final String GOOGLE_CLIENT_ID = "marketplace-web.apps.googleusercontent.test";
    public static final String GOOGLE_CLIENT_SECRET = "google-secret-for-tests";
    public static final String FACEBOOK_APP_ID = "1234567890123";
    public static final String FACEBOOK_APP_SECRET = "facebook-secret-for-tests";
    public static final String TWITTER_CLIENT_ID = "x-client-id-for-tests";
    public static final String GOOGLE_JWKS_PATH = "/google/jwks";

    private static final MockOAuth2Server GOOGLE = startGoogle();
    private static final WireMockServer WIREMOCK = LocalWireMock.started(10);

    static {
        serveGoogleJwks(List.of());
    }

    private static MockOAuth2Server startGoogle() {
        var server = new MockOAuth2Server();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mock-oauth2-stop"));
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "marketplace.oauth.provider-timeout=2s",
                        // the test server's port is random: providers send the browser back to the request's own URL
                        "marketplace.oauth.redirect-base-url=",
                        "marketplace.oauth.google.client-id=" + GOOGLE_CLIENT_ID,
                        "marketplace.oauth.google.client-secret=" + GOOGLE_CLIENT_SECRET,
                        "marketplace.oauth.google.issuer=" + googleIssuer(),
                        "marketplace.oauth.google.jwk-set-uri=" + wireMockUrl() + GOOGLE_JWKS_PATH,
                        "marketplace.oauth.google.authorization-uri="
                                + GOOGLE.authorizationEndpointUrl(GOOGLE_ISSUER_ID),
                        "marketplace.oauth.google.token-uri=" + GOOGLE.tokenEndpointUrl(GOOGLE_ISSUER_ID),
                        "marketplace.oauth.google.jwk-set-refresh-min-interval=1s",
                        "marketplace.oauth.facebook.app-id=" + FACEBOOK_APP_ID,
                        "marketplace.oauth.facebook.app-secret=" + FACEBOOK_APP_SECRET,
                        "marketplace.oauth.facebook.graph-base-url=" + wireMockUrl() + "/graph",
                        "marketplace.oauth.facebook.authorization-uri=" + wireMockUrl() + "/facebook/dialog/oauth",
                        "marketplace.oauth.facebook.trust-email=true",
                        "marketplace.oauth.twitter.client-id=" + TWITTER_CLIENT_ID,
                        "marketplace.oauth.twitter.client-secret=",
                        "marketplace.oauth.twitter.api-base-url=" + wireMockUrl() + "/x",
                        "marketplace.oauth.twitter.authorization-uri=" + wireMockUrl() + "/x/i/oauth2/authorize")
                .applyTo(context);
    }

    /** The OpenID provider standing in for Google. */
    public static MockOAuth2Server google() {
        return GOOGLE;
    }

    public static String googleIssuer() {
        return GOOGLE.issuerUrl(GOOGLE_ISSUER_ID).toString();
    }

    public static WireMockServer wireMock() {
        return WIREMOCK;
    }

    public static String wireMockUrl() {
        return WIREMOCK.baseUrl();
    }

    /** Google's JWKS as WireMock serves it: the provider's own key plus {@code extraKeys} (public parts only). */
    public static synchronized StubMapping serveGoogleJwks(List<JWK> extraKeys) {
        var keys = new ArrayList<JWK>(GOOGLE.getConfig()
                .getTokenProvider()
                .publicJwkSet(GOOGLE_ISSUER_ID)
                .getKeys());
        extraKeys.forEach(key -> keys.add(key.toPublicJWK()));
        return WIREMOCK.stubFor(get(urlPathEqualTo(GOOGLE_JWKS_PATH))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(new JWKSet(keys).toString(true))));
    }

    /** Back to the provider's own key only (the newest matching stub wins, so removing the extra one is enough). */
    public static synchronized void stopServing(StubMapping extraJwks) {
        WIREMOCK.removeStub(extraJwks);
    }

    /** A WireMock client, for stubbing and verifying requests. */
    public static WireMock client() {
        return new WireMock(WIREMOCK);
    }
}
