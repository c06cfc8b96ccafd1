package com.betanet.marketplace.identity.oauth;

import static com.betanet.marketplace.identity.oauth.ProviderFixtures.facebookUser;
import static com.betanet.marketplace.identity.oauth.ProviderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.OAuthTestServers;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The verifier alone, with the production default: Facebook's email is not taken as verified. */
class FacebookTokenVerifierTests {

    private final FacebookTokenVerifier verifier = new FacebookTokenVerifier(
            new OAuthProperties.Facebook(
                    OAuthTestServers.FACEBOOK_APP_ID,
                    OAuthTestServers.FACEBOOK_APP_SECRET,
                    OAuthTestServers.wireMockUrl() + "/graph",
                    "https://www.facebook.com/dialog/oauth",
                    false),
            new ProviderHttp(Duration.ofSeconds(2), JsonMapper.builder().build()),
            Clock.systemUTC());

    @Test
    void byDefaultFacebooksEmailIsNotTakenAsVerified() {
        var token = unique("EAAG");
        facebookUser(token, "100200300", "Otieno Odhiambo", "otieno@example.com", null);

        var identity = verifier.verify(token);

        assertThat(identity.provider()).isEqualTo(OAuthProvider.FACEBOOK);
        assertThat(identity.subject()).isEqualTo("100200300");
        assertThat(identity.email()).isEqualTo("otieno@example.com");
        assertThat(identity.emailVerified()).isFalse();
        assertThat(identity.name()).isEqualTo("Otieno Odhiambo");
    }
}
