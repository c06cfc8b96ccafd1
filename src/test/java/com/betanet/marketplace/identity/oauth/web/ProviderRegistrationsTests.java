package com.betanet.marketplace.identity.oauth.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.oauth.OAuthProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

class ProviderRegistrationsTests {

    @Test
    void noSettingsNoRegistrations() {
        var registrations = BrowserLoginConfiguration.registrations(properties("", "", "", "", ""));

        assertThat(registrations).isEmpty();
        assertThat(new BrowserLoginConfiguration.ProviderRegistrations(registrations).findByRegistrationId("google"))
                .isNull();
    }

    @Test
    void eachConfiguredProviderIsRegisteredWithThePublicCallbackUrl() {
        var registrations =
                BrowserLoginConfiguration.registrations(properties("g-id", "g-secret", "fb-id", "fb-secret", "x-id"));

        assertThat(registrations)
                .extracting(r -> r.getRegistrationId())
                .containsExactly("google", "facebook", "twitter");
        assertThat(registrations)
                .allSatisfy(r -> assertThat(r.getRedirectUri())
                        .isEqualTo("https://api.betanet.example/login/oauth2/code/{registrationId}"));
        var google = registrations.get(0);
        assertThat(google.getScopes()).contains("openid");
        assertThat(google.getProviderDetails().getIssuerUri()).isEqualTo("https://accounts.google.com");
        assertThat(registrations.get(1).getProviderDetails().getTokenUri())
                .isEqualTo("https://graph.facebook.com/oauth/access_token");
        assertThat(registrations.get(2).getClientAuthenticationMethod())
                .as("X without a secret is a public client (PKCE only)")
                .isEqualTo(ClientAuthenticationMethod.NONE);
        assertThat(registrations.get(2).getProviderDetails().getTokenUri())
                .isEqualTo("https://api.x.com/2/oauth2/token");
    }

    private static OAuthProperties properties(
            String googleId, String googleSecret, String facebookId, String facebookSecret, String xId) {
        return new OAuthProperties(
                new OAuthProperties.Google(
                        googleId,
                        googleSecret,
                        "https://accounts.google.com",
                        "https://www.googleapis.com/oauth2/v3/certs",
                        "https://accounts.google.com/o/oauth2/v2/auth",
                        "https://oauth2.googleapis.com/token",
                        Duration.ofSeconds(30)),
                new OAuthProperties.Facebook(
                        facebookId,
                        facebookSecret,
                        "https://graph.facebook.com/",
                        "https://www.facebook.com/dialog/oauth",
                        false),
                new OAuthProperties.Twitter(xId, "", "https://api.x.com", "https://x.com/i/oauth2/authorize"),
                Duration.ofSeconds(5),
                "",
                "https://api.betanet.example/");
    }
}
