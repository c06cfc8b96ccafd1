package com.betanet.marketplace.identity.oauth;

import static com.betanet.marketplace.identity.oauth.ProviderFixtures.googleClaims;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.googleIdToken;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.signIn;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.unique;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.OAuthTestServers;
import com.betanet.marketplace.support.TestMailServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code POST /auth/oauth/google} with ID tokens from the in-process OpenID provider. */
class GoogleSignInTests extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aValidIdTokenCreatesAVerifiedBuyerWithTheProvidersNameAndPicture() {
        var subject = unique("g");
        var email = uniqueEmail();
        var claims = googleClaims(subject, email.toUpperCase(), true);
        claims.put("picture", ProviderFixtures.picture());

        var response = signIn(api, "google", googleIdToken(claims));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var body = response.json();
        var user = body.get("user");
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        assertThat(user.get("roles").toString()).isEqualTo("[\"BUYER\"]");
        assertThat(user.get("fullName").asString()).isEqualTo("Amina Wanjiru");
        assertThat(user.get("username").asString()).matches("amina\\.wanjiru(_[0-9a-f]+)?");
        assertThat(user.get("avatarUrl").asString()).startsWith("/media/avatars/");
        assertThat(api.get(user.get("avatarUrl").asString()).send().status()).isEqualTo(200);
        assertThat(body.get("tokenType").asString()).isEqualTo("Bearer");

        var userId = UUID.fromString(user.get("id").asString());
        assertThat(identityOwner("google", subject)).isEqualTo(userId);
        var me = api.get("/api/v1/users/me")
                .bearer(body.get("accessToken").asString())
                .send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asString()).isEqualTo(userId.toString());
        var refreshed = api.post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", body.get("refreshToken").asString()))
                .send();
        assertThat(refreshed.status()).as("a normal session").isEqualTo(200);
        // the provider vouched for the address: no verification mail
        assertThat(TestMailServer.withSubject(email, "Confirm your email")).isEmpty();
    }

    @Test
    void theSameLoginTwiceIsOneAccount() {
        var subject = unique("g");
        var claims = googleClaims(subject, uniqueEmail(), true);

        var first = signIn(api, "google", googleIdToken(claims));
        var second = signIn(api, "google", googleIdToken(claims));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("user").get("id"))
                .isEqualTo(first.json().get("user").get("id"));
        assertThat(second.json().get("refreshToken")).isNotEqualTo(first.json().get("refreshToken"));
        assertThat(jdbc.sql("select count(*) from oauth_identities where subject = ?")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void concurrentFirstLoginsMakeOneAccount() throws Exception {
        var subject = unique("g");
        var token = googleIdToken(googleClaims(subject, uniqueEmail(), true));
        var pool = Executors.newFixedThreadPool(4);
        try {
            var answers = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < 4; i++) {
                var client = api.fromAnotherIp();
                answers.add(pool.submit(() -> signIn(client, "google", token)));
            }
            var ids = new HashSet<String>();
            for (var answer : answers) {
                var response = answer.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                ids.add(response.json().get("user").get("id").asString());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(identityCount(subject)).isEqualTo(1);
    }

    @Test
    void refusesWrongAudienceWrongIssuerExpiredAndForgedTokens() {
        var subject = unique("g");
        var email = uniqueEmail();

        var wrongAudience = googleClaims(subject, email, true);
        wrongAudience.put("aud", "another-app.apps.googleusercontent.com");
        var wrongIssuer = googleClaims(subject, email, true);
        wrongIssuer.put("iss", "https://accounts.evil.example");
        var noSubject = googleClaims(subject, email, true);
        noSubject.remove("sub");
        var valid = googleIdToken(googleClaims(subject, email, true));
        var parts = valid.split("\\.");
        var otherKey = ProviderFixtures.rsaKey(OAuthTestServers.GOOGLE_ISSUER_ID); // same kid, not Google's key

        var attempts = Map.of(
                "wrong audience", googleIdToken(wrongAudience),
                "wrong issuer", googleIdToken(wrongIssuer),
                "expired", googleIdToken(googleClaims(subject, email, true), Duration.ofMinutes(-5)),
                "no subject", googleIdToken(noSubject),
                "signed with another key", ProviderFixtures.signedWith(otherKey, googleClaims(subject, email, true)),
                "payload swapped under a valid signature",
                        parts[0] + "." + googleIdToken(wrongAudience).split("\\.")[1] + "." + parts[2],
                "unsigned (alg none)", "eyJhbGciOiJub25lIn0." + parts[1] + ".",
                "garbage", "not-a-jwt");
        attempts.forEach((name, token) -> {
            var response = signIn(api.fromAnotherIp(), "google", token);
            assertThat(response.status()).as(name + ": " + response).isEqualTo(401);
            assertThat(response.code()).as(name).isEqualTo("invalid_oauth_token");
        });
        assertThat(identityCount(subject)).isZero();
        assertThat(userCountWithEmail(email)).isZero();
    }

    @Test
    void linksAVerifiedPasswordAccountWithTheSameVerifiedEmail() {
        var account = verifiedPasswordAccount();
        var subject = unique("g");

        var response = signIn(api, "google", googleIdToken(googleClaims(subject, account.email(), true)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("user").get("id").asString())
                .isEqualTo(account.id().toString());
        assertThat(identityOwner("google", subject)).isEqualTo(account.id());
        Accounts.login(api, account.email(), null); // the password still works
        var identities = api.get("/api/v1/users/me/identities")
                .bearer(response.json().get("accessToken").asString())
                .send();
        assertThat(identities.json().get("items").get(0).get("provider").asString())
                .isEqualTo("google");
        assertThat(identities.json().get("items").get(0).get("email").asString())
                .isEqualTo(account.email());
    }

    @Test
    void refusesToLinkAnAccountWhoseEmailWasNeverVerified() {
        var squatter = Accounts.buyer(api); // registered, never confirmed the address
        var subject = unique("g");

        var response = signIn(api, "google", googleIdToken(googleClaims(subject, squatter.email(), true)));

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("email_unverified_account_exists");
        assertThat(identityCount(subject)).isZero();
        assertThat(userCountWithEmail(squatter.email())).isEqualTo(1);
    }

    @Test
    void anUnverifiedGoogleEmailNeverLinksNorTakesTheAddress() {
        var account = verifiedPasswordAccount();
        var subject = unique("g");

        var response = signIn(api, "google", googleIdToken(googleClaims(subject, account.email(), false)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var user = response.json().get("user");
        assertThat(user.get("id").asString()).isNotEqualTo(account.id().toString());
        assertThat(user.get("email").isNull())
                .as("a separate account without email")
                .isTrue();
        assertThat(user.get("emailVerified").asBoolean()).isFalse();
        assertThat(identityOwner("google", subject)).isNotEqualTo(account.id());
        assertThat(jdbc.sql("select count(*) from oauth_identities where user_id = ?")
                        .param(account.id())
                        .query(Long.class)
                        .single())
                .as("nothing linked to the existing account")
                .isZero();
        assertThat(userCountWithEmail(account.email())).isEqualTo(1);
    }

    @Test
    void anUnverifiedGoogleEmailOfNobodyIsNotTakenEither() {
        var email = uniqueEmail();

        var response = signIn(api, "google", googleIdToken(googleClaims(unique("g"), email, false)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("user").get("email").isNull()).isTrue();
        assertThat(userCountWithEmail(email)).isZero();
    }

    @Test
    void aSuspendedAccountIsRefused() {
        var subject = unique("g");
        var token = googleIdToken(googleClaims(subject, uniqueEmail(), true));
        var first = signIn(api, "google", token);
        var admin = Accounts.login(api, "admin@betanet.test", "admin-password-for-tests");
        var suspend = api.post("/api/v1/admin/users/"
                        + first.json().get("user").get("id").asString() + "/suspend")
                .bearer(admin.accessToken())
                .send();
        assertThat(suspend.status()).isEqualTo(204);

        var again = signIn(api, "google", token);

        assertThat(again.status()).isEqualTo(403);
        assertThat(again.code()).isEqualTo("account_suspended");
    }

    @Test
    void fetchesGooglesKeysAgainForAKeyIdItHasNotSeen() {
        signIn(api, "google", googleIdToken(googleClaims(unique("g"), uniqueEmail(), true))); // keys now cached
        var rotated = ProviderFixtures.rsaKey(unique("rotated-"));
        var subject = unique("g");
        var token = ProviderFixtures.signedWith(rotated, googleClaims(subject, uniqueEmail(), true));
        var before = signIn(api, "google", token);
        assertThat(before.status()).as("a key Google does not publish").isEqualTo(401);

        var stub = OAuthTestServers.serveGoogleJwks(List.of(rotated));
        try {
            // Refetches are at most one a second (test setting), so the first try may still meet the old keys.
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(
                                    signIn(api.fromAnotherIp(), "google", token).status())
                            .isEqualTo(200));
        } finally {
            OAuthTestServers.stopServing(stub);
        }
        assertThat(identityCount(subject)).isEqualTo(1);
    }

    @Test
    void aPictureThatCannotBeHadDoesNotFailTheSignIn() {
        for (var pictureUrl : List.of(
                ProviderFixtures.notAPicture(404, new byte[0]),
                ProviderFixtures.notAPicture(200, "<html>not an image</html>".getBytes()),
                "http://127.0.0.1:1/unreachable.png",
                "file:///etc/passwd")) {
            var claims = googleClaims(unique("g"), uniqueEmail(), true);
            claims.put("picture", pictureUrl);

            var response = signIn(api.fromAnotherIp(), "google", googleIdToken(claims));

            assertThat(response.status()).as(pictureUrl + ": " + response).isEqualTo(200);
            assertThat(response.json().get("user").get("avatarUrl").isNull()).isTrue();
        }
    }

    @Test
    void unknownAndUnconfiguredProvidersAreRefused() {
        for (var provider : List.of("github", "GOOGLE", "apple")) {
            var response = signIn(api, provider, "some-token");
            assertThat(response.status()).as(provider).isEqualTo(400);
            assertThat(response.code()).isEqualTo("unknown_provider");
        }
    }

    @Test
    void badBodiesAreValidationProblems() {
        for (var body : List.of(
                "{\"token\": ",
                "{}",
                "{\"token\": \"\"}",
                "{\"token\": 12}",
                "{\"token\": \"" + "a".repeat(10_000) + "\"}",
                "{\"token\": \"x\", \"email\": \"victim@example.com\"}")) {
            var response = api.fromAnotherIp()
                    .post("/api/v1/auth/oauth/google")
                    .json(body)
                    .send();
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
    }

    private Accounts.Session verifiedPasswordAccount() {
        var account = Accounts.buyer(api);
        var token =
                TestMailServer.awaitMail(account.email(), "Confirm your email").token("/verify-email");
        var verified = api.post("/api/v1/auth/email/verify")
                .json(Map.of("token", token))
                .send();
        assertThat(verified.status()).isEqualTo(204);
        return account;
    }

    private UUID identityOwner(String provider, String subject) {
        return jdbc.sql("select user_id from oauth_identities where provider = ? and subject = ?")
                .params(provider, subject)
                .query(UUID.class)
                .single();
    }

    private long identityCount(String subject) {
        return jdbc.sql("select count(*) from oauth_identities where subject = ?")
                .param(subject)
                .query(Long.class)
                .single();
    }

    private long userCountWithEmail(String email) {
        return jdbc.sql("select count(*) from users where lower(email) = lower(?)")
                .param(email)
                .query(Long.class)
                .single();
    }
}
