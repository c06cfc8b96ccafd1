package com.betanet.marketplace.identity.oauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code marketplace.oauth.*} (README, settings). A provider is switched on by its client id (Facebook: app id and
 * secret, which {@code debug_token} needs); with none set, social sign-in answers 400 {@code unknown_provider} and the
 * application starts as usual.
 *
 * @param providerTimeout how long one call to a provider (token check, JWKS, code exchange, picture) may take
 * @param cookieSecret the key material of the browser flow's cookie; empty: derived from the JWT signing key, or
 *     random per process when there is none (then a flow must end on the node that started it)
 * @param redirectBaseUrl the public URL the providers send the browser back to ({@code MARKETPLACE_PUBLIC_BASE_URL});
 *     empty: taken from the request (behind a proxy, from its forwarded headers)
 */
@ConfigurationProperties("marketplace.oauth")
public record OAuthProperties(
        @DefaultValue Google google,
        @DefaultValue Facebook facebook,
        @DefaultValue Twitter twitter,
        @DefaultValue("5s") Duration providerTimeout,
        @DefaultValue("") String cookieSecret,
        @DefaultValue("") String redirectBaseUrl) {

    /**
     * @param jwkSetRefreshMinInterval the least time between two fetches of the JWKS, so tokens with made-up key ids
     *     cannot make us hammer Google
     */
    public record Google(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("https://accounts.google.com") String issuer,

            @DefaultValue("https://www.googleapis.com/oauth2/v3/certs")
            String jwkSetUri,

            @DefaultValue("https://accounts.google.com/o/oauth2/v2/auth")
            String authorizationUri,

            @DefaultValue("https://oauth2.googleapis.com/token")
            String tokenUri,

            @DefaultValue("30s") Duration jwkSetRefreshMinInterval) {

        public boolean enabled() {
            return !clientId.isBlank();
        }

        public boolean browserFlowEnabled() {
            return enabled() && !clientSecret.isBlank();
        }
    }

    /**
     * @param trustEmail whether Facebook's {@code email} counts as verified: Facebook does not say whether an address
     *     was confirmed, so by default it does not (the account is made without it and never linked by it)
     */
    public record Facebook(
            @DefaultValue("") String appId,
            @DefaultValue("") String appSecret,
            @DefaultValue("https://graph.facebook.com") String graphBaseUrl,

            @DefaultValue("https://www.facebook.com/dialog/oauth")
            String authorizationUri,

            @DefaultValue("false") boolean trustEmail) {

        public boolean enabled() {
            return !appId.isBlank() && !appSecret.isBlank();
        }
    }

    public record Twitter(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("https://api.x.com") String apiBaseUrl,

            @DefaultValue("https://x.com/i/oauth2/authorize")
            String authorizationUri) {

        public boolean enabled() {
            return !clientId.isBlank();
        }
    }
}
