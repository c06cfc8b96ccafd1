package com.betanet.marketplace.identity.oauth;

import static com.betanet.marketplace.identity.oauth.ProviderFixtures.facebookUser;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.googleClaims;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.googleIdToken;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.session;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.signIn;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.unique;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.uniqueEmail;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.xUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.TestMailServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /users/me/identities} and {@code DELETE /users/me/identities/{provider}}. */
class LinkedIdentityTests extends HttpTest {

    @Test
    void unlinkingTheOnlyWayToSignInIsRefused() {
        var token = unique("x-token-");
        xUser(token, unique(""), "Kip Keino", "kip", null);
        var user = session(signIn(api, "twitter", token));

        var refused = unlink(user.accessToken(), "twitter");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("last_sign_in_method");
        assertThat(providers(user.accessToken())).isEqualTo("[twitter]");
        assertThat(session(signIn(api, "twitter", token)).id())
                .as("still signs in")
                .isEqualTo(user.id());
    }

    @Test
    void anIdentityCanBeUnlinkedWhileAnotherWayToSignInRemains() {
        var email = uniqueEmail();
        var google = session(signIn(api, "google", googleIdToken(googleClaims(unique("g"), email, true))));
        var facebookToken = unique("EAAG");
        facebookUser(facebookToken, unique(""), "Amina Wanjiru", email, null);
        assertThat(session(signIn(api, "facebook", facebookToken)).id()).isEqualTo(google.id());
        assertThat(providers(google.accessToken())).isEqualTo("[google, facebook]");

        var unlinked = unlink(google.accessToken(), "facebook");

        assertThat(unlinked.status()).as(unlinked.toString()).isEqualTo(204);
        assertThat(providers(google.accessToken())).isEqualTo("[google]");
        assertThat(unlink(google.accessToken(), "google").code()).isEqualTo("last_sign_in_method");
        // Facebook with that address links again (both sides verified): unlinking is not a ban
        assertThat(session(signIn(api, "facebook", facebookToken)).id()).isEqualTo(google.id());
    }

    @Test
    void aPasswordAccountCanUnlinkItsOnlyIdentity() {
        var account = Accounts.buyer(api);
        var link =
                TestMailServer.awaitMail(account.email(), "Confirm your email").token("/verify-email");
        api.post("/api/v1/auth/email/verify").json(Map.of("token", link)).send();
        signIn(api, "google", googleIdToken(googleClaims(unique("g"), account.email(), true)));
        assertThat(providers(account.accessToken())).isEqualTo("[google]");

        assertThat(unlink(account.accessToken(), "google").status()).isEqualTo(204);

        assertThat(providers(account.accessToken())).isEqualTo("[]");
        Accounts.login(api, account.email(), null);
    }

    @Test
    void listsPageByPageAndAnswers404ForWhatIsNotLinked() {
        var email = uniqueEmail();
        var user = session(signIn(api, "google", googleIdToken(googleClaims(unique("g"), email, true))));
        var facebookToken = unique("EAAG");
        facebookUser(facebookToken, unique(""), "Amina Wanjiru", email, null);
        signIn(api, "facebook", facebookToken);

        var first = api.get("/api/v1/users/me/identities?limit=1")
                .bearer(user.accessToken())
                .send()
                .json();
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("provider").asString()).isEqualTo("google");
        assertThat(first.get("items").get(0).get("linkedAt").asString()).endsWith("Z");
        var cursor = first.get("nextCursor").asString();
        var second = api.get("/api/v1/users/me/identities?limit=1&cursor=" + cursor)
                .bearer(user.accessToken())
                .send()
                .json();
        assertThat(second.get("items").get(0).get("provider").asString()).isEqualTo("facebook");
        assertThat(second.get("nextCursor").isNull()).isTrue();

        for (var path : new String[] {"?limit=0", "?cursor=forged"}) {
            var bad = api.get("/api/v1/users/me/identities" + path)
                    .bearer(user.accessToken())
                    .send();
            assertThat(bad.status()).as(path).isEqualTo(400);
        }
        for (var provider : new String[] {"twitter", "github"}) {
            var response = unlink(user.accessToken(), provider);
            assertThat(response.status()).as(provider).isEqualTo(404);
            assertThat(response.code()).isEqualTo("not_found");
        }
        assertThat(api.get("/api/v1/users/me/identities").send().status()).isEqualTo(401);
        assertThat(api.delete("/api/v1/users/me/identities/google").send().status())
                .isEqualTo(401);
    }

    private Api.Response unlink(String accessToken, String provider) {
        return api.delete("/api/v1/users/me/identities/" + provider)
                .bearer(accessToken)
                .send();
    }

    private String providers(String accessToken) {
        var items = api.get("/api/v1/users/me/identities")
                .bearer(accessToken)
                .send()
                .json()
                .get("items");
        var names = new java.util.ArrayList<String>();
        items.forEach(item -> names.add(item.get("provider").asString()));
        return names.toString();
    }
}
