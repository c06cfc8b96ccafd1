package com.betanet.marketplace.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** With no MARKETPLACE_OAUTH_* settings (the defaults), every provider answers 400 unknown_provider. */
class UnconfiguredProvidersTests {

    static final OAuthProperties NOTHING_CONFIGURED = new OAuthProperties(
            new OAuthProperties.Google(
                    "",
                    "",
                    "https://accounts.google.com",
                    "https://www.googleapis.com/oauth2/v3/certs",
                    "https://accounts.google.com/o/oauth2/v2/auth",
                    "https://oauth2.googleapis.com/token",
                    Duration.ofSeconds(30)),
            new OAuthProperties.Facebook(
                    "", "", "https://graph.facebook.com", "https://www.facebook.com/dialog/oauth", false),
            new OAuthProperties.Twitter("", "", "https://api.x.com", "https://x.com/i/oauth2/authorize"),
            Duration.ofSeconds(5),
            "",
            "");

    @Test
    void everyProviderIsUnknownUntilConfigured() {
        var http = new ProviderHttp(Duration.ofSeconds(1), JsonMapper.builder().build());
        var google = new GoogleIdTokenVerifier(NOTHING_CONFIGURED.google(), Duration.ofSeconds(1), Clock.systemUTC());
        var tokens = new ProviderTokens(
                google,
                List.of(
                        google,
                        new FacebookTokenVerifier(NOTHING_CONFIGURED.facebook(), http, Clock.systemUTC()),
                        new TwitterTokenVerifier(NOTHING_CONFIGURED.twitter(), http)));

        for (var provider : OAuthProvider.values()) {
            assertThat(tokens.enabled(provider)).isFalse();
            assertThatThrownBy(() -> tokens.verify(provider.id(), "any-token"))
                    .isInstanceOfSatisfying(
                            ApiException.class,
                            refused -> assertThat(refused.code()).isEqualTo("unknown_provider"));
        }
    }

    @Test
    void aFacebookAppIdWithoutItsSecretIsNotEnough() {
        assertThat(new OAuthProperties.Facebook("123", "", "https://graph.facebook.com", "x", false).enabled())
                .as("debug_token needs the app secret")
                .isFalse();
        assertThat(new OAuthProperties.Google("id", "", "i", "j", "a", "t", Duration.ZERO).browserFlowEnabled())
                .as("Google's code exchange needs the secret; the token exchange does not")
                .isFalse();
    }
}
