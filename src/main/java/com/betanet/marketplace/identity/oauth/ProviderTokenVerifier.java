package com.betanet.marketplace.identity.oauth;

/** Checks a token that a client got from a provider and says whose it is. */
interface ProviderTokenVerifier {

    OAuthProvider provider();

    /** Whether this server is configured for the provider. */
    boolean enabled();

    /**
     * Verifies {@code token} with the provider: 401 {@code invalid_oauth_token} when it is invalid, expired or not
     * issued to this app; 503 {@code oauth_provider_unavailable} when the provider cannot be asked.
     */
    ProviderIdentity verify(String token);
}
