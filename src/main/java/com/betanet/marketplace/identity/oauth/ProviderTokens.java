package com.betanet.marketplace.identity.oauth;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The configured providers' token checks, by provider. */
public final class ProviderTokens {

    private final Map<OAuthProvider, ProviderTokenVerifier> verifiers = new EnumMap<>(OAuthProvider.class);
    private final GoogleIdTokenVerifier google;

    ProviderTokens(GoogleIdTokenVerifier google, List<ProviderTokenVerifier> verifiers) {
        this.google = google;
        verifiers.forEach(verifier -> this.verifiers.put(verifier.provider(), verifier));
    }

    /** Whether sign-in with this provider is configured. */
    public boolean enabled(OAuthProvider provider) {
        var verifier = verifiers.get(provider);
        return verifier != null && verifier.enabled();
    }

    /**
     * Verifies a token of the provider named {@code providerId}: 400 {@code unknown_provider} for a name that is not
     * a provider or not configured; see {@link ProviderTokenVerifier#verify}.
     */
    public ProviderIdentity verify(String providerId, String token) {
        var provider = OAuthProvider.byId(providerId).orElseThrow(OAuthErrors::unknownProvider);
        return verify(provider, token);
    }

    public ProviderIdentity verify(OAuthProvider provider, String token) {
        var verifier = verifiers.get(provider);
        if (verifier == null || !verifier.enabled()) {
            throw OAuthErrors.unknownProvider();
        }
        return verifier.verify(token);
    }

    /** Who the claims of an ID token that {@link #googleIdTokenDecoder()} accepted name. */
    public ProviderIdentity googleIdentity(Map<String, Object> idTokenClaims) {
        return GoogleIdTokenVerifier.identityOf(idTokenClaims);
    }

    /** Checks Google ID tokens (signature, issuer, audience, expiry). */
    public JwtDecoder googleIdTokenDecoder() {
        return google.decoder();
    }
}
