package com.betanet.marketplace.identity.oauth;

import static com.betanet.marketplace.identity.oauth.ProviderFixtures.facebookDebugToken;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.facebookDebugTokenFails;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.facebookUser;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.signIn;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.unique;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.OAuthTestServers;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /auth/oauth/facebook} against Graph's {@code debug_token} and {@code /me}, as Facebook documents them.
 * The test server trusts Facebook's email ({@code trust-email=true}); the default is covered by {@link
 * FacebookTokenVerifierTests}.
 */
class FacebookSignInTests extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aValidUserTokenOfOurAppCreatesAnAccount() {
        var token = unique("EAAG");
        var userId = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()));
        var email = uniqueEmail();
        facebookUser(token, userId, "Wanjiku Kamau", email, ProviderFixtures.picture());

        var response = signIn(api, "facebook", token);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var user = response.json().get("user");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        assertThat(user.get("fullName").asString()).isEqualTo("Wanjiku Kamau");
        assertThat(user.get("username").asString()).startsWith("wanjiku.kamau");
        assertThat(user.get("avatarUrl").asString()).startsWith("/media/avatars/");
        assertThat(owner(userId)).isEqualTo(UUID.fromString(user.get("id").asString()));

        var again = signIn(api, "facebook", token);
        assertThat(again.json().get("user").get("id")).isEqualTo(user.get("id"));
    }

    @Test
    void refusesInvalidExpiredAndForeignTokens() {
        var invalid = unique("EAAG");
        facebookDebugToken(invalid, """
                {"data": {"error": {"code": 190, "message": "Invalid OAuth access token."},
                          "is_valid": false, "scopes": []}}
                """);
        var expired = unique("EAAG");
        var expiredUser = unique("");
        facebookDebugToken(expired, """
                {"data": {"app_id": "%s", "type": "USER", "application": "Betanet Marketplace",
                          "data_access_expires_at": 1700000000,
                          "error": {"code": 190, "subcode": 463,
                                    "message": "Error validating access token: Session has expired on Tuesday, 14-Nov-23 22:13:20 PST."},
                          "expires_at": 1700000000, "is_valid": false, "issued_at": 1699990000,
                          "scopes": ["email", "public_profile"], "user_id": "%s"}}
                """.formatted(OAuthTestServers.FACEBOOK_APP_ID, expiredUser));
        var foreign = unique("EAAG");
        var foreignUser = unique("");
        // valid, but issued to another app (numeric app_id, as in Facebook's own sample)
        facebookDebugToken(foreign, """
                {"data": {"app_id": 138483919580948, "type": "USER", "application": "Social Cafe",
                          "data_access_expires_at": %d, "expires_at": %d, "is_valid": true,
                          "issued_at": 1347235328, "scopes": ["email"], "user_id": "%s"}}
                """.formatted(
                        Instant.now().plusSeconds(86_400).getEpochSecond(),
                        Instant.now().plusSeconds(3_600).getEpochSecond(),
                        foreignUser));
        var unparseable = unique("garbage");
        facebookDebugTokenFails(unparseable, 400, """
                {"error": {"message": "Invalid OAuth access token - Cannot parse access token",
                           "type": "OAuthException", "code": 190, "fbtrace_id": "A1b2C3d4"}}
                """, 0);
        var pageToken = unique("EAAG");
        facebookDebugToken(pageToken, """
                {"data": {"app_id": "%s", "type": "PAGE", "application": "Betanet Marketplace",
                          "expires_at": 0, "is_valid": true, "scopes": ["pages_show_list"],
                          "profile_id": "987654", "user_id": "%s"}}
                """.formatted(OAuthTestServers.FACEBOOK_APP_ID, unique("")));

        for (var token : new String[] {invalid, expired, foreign, unparseable, pageToken}) {
            var response = signIn(api.fromAnotherIp(), "facebook", token);
            assertThat(response.status()).as(token + ": " + response).isEqualTo(401);
            assertThat(response.code()).isEqualTo("invalid_oauth_token");
        }
        assertThat(identities(expiredUser) + identities(foreignUser)).isZero();
    }

    @Test
    void refusesAProfileOfSomeoneElseThanTheTokensOwner() {
        var token = unique("EAAG");
        var userId = unique("");
        facebookUser(token, userId, "Someone", null, null);
        // debug_token says userId, but /me answers for another person
        OAuthTestServers.wireMock()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/graph/me"))
                        .withQueryParam("access_token", com.github.tomakehurst.wiremock.client.WireMock.equalTo(token))
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                                "{\"id\": \"42\", \"name\": \"Mallory\"}")));

        var response = signIn(api, "facebook", token);

        assertThat(response.status()).isEqualTo(401);
        assertThat(identities(userId)).isZero();
    }

    @Test
    void aGraphOutageIsServiceUnavailableNotABadToken() {
        var slow = unique("EAAG");
        facebookDebugTokenFails(slow, 200, "{}", 3_000); // beyond the 2 s provider timeout of the tests
        var broken = unique("EAAG");
        facebookDebugTokenFails(
                broken, 500, "{\"error\": {\"message\": \"An unknown error occurred\", \"code\": 1}}", 0);
        var throttled = unique("EAAG");
        facebookDebugTokenFails(throttled, 429, "{}", 0);
        var notJson = unique("EAAG");
        facebookDebugTokenFails(notJson, 200, "<html>maintenance</html>", 0);

        for (var token : new String[] {slow, broken, throttled, notJson}) {
            var response = signIn(api.fromAnotherIp(), "facebook", token);
            assertThat(response.status()).as(response.toString()).isEqualTo(503);
            assertThat(response.code()).isEqualTo("oauth_provider_unavailable");
            assertThat(response.header("Retry-After")).isPresent();
        }
    }

    @Test
    void aTrustedFacebookEmailLinksToTheGoogleAccountWithThatAddress() {
        var email = uniqueEmail();
        var google = signIn(
                api, "google", ProviderFixtures.googleIdToken(ProviderFixtures.googleClaims(unique("g"), email, true)));
        var token = unique("EAAG");
        var userId = unique("");
        facebookUser(token, userId, "Amina Wanjiru", email, null);

        var facebook = signIn(api, "facebook", token);

        assertThat(facebook.status()).as(facebook.toString()).isEqualTo(200);
        assertThat(facebook.json().get("user").get("id"))
                .isEqualTo(google.json().get("user").get("id"));
        assertThat(owner(userId).toString())
                .isEqualTo(google.json().get("user").get("id").asString());
    }

    private UUID owner(String facebookUserId) {
        return jdbc.sql("select user_id from oauth_identities where provider = 'facebook' and subject = ?")
                .param(facebookUserId)
                .query(UUID.class)
                .single();
    }

    private long identities(String subject) {
        return jdbc.sql("select count(*) from oauth_identities where subject = ?")
                .param(subject)
                .query(Long.class)
                .single();
    }
}
