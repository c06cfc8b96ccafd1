package com.betanet.marketplace.identity.oauth;

import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Google ID tokens: RS256 signatures checked against Google's JWKS ({@code MARKETPLACE_OAUTH_GOOGLE_JWK_SET_URI}),
 * which is cached for five minutes and fetched again when a token names a key id the cache does not know (Google
 * rotates its keys), but at most once per {@code jwkSetRefreshMinInterval}; issuer {@code MARKETPLACE_OAUTH_GOOGLE_ISSUER}
 * (for Google's own issuer also its scheme-less form, which Google documents as equivalent); audience our client id;
 * not expired (30 s of clock skew); a subject. The same decoder checks the ID token of the browser flow.
 */
final class GoogleIdTokenVerifier implements ProviderTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(GoogleIdTokenVerifier.class);
    private static final String GOOGLE_ISSUER = "https://accounts.google.com";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(5);
    private static final int JWKS_MAX_BYTES = 64 * 1024;

    private final OAuthProperties.Google settings;
    private final JwtDecoder decoder;

    GoogleIdTokenVerifier(OAuthProperties.Google settings, Duration providerTimeout, Clock clock) {
        this.settings = settings;
        var nimbus = NimbusJwtDecoder.withJwkSource(jwkSource(settings, providerTimeout))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        nimbus.setJwtValidator(validator(settings, clock));
        this.decoder = nimbus;
    }

    @Override
    public OAuthProvider provider() {
        return OAuthProvider.GOOGLE;
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public ProviderIdentity verify(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException rejected) {
            if (jwksUnavailable(rejected)) {
                log.warn("Google's JWKS could not be fetched: {}", rejected.getMessage());
                throw OAuthErrors.providerUnavailable(OAuthProvider.GOOGLE);
            }
            log.debug("Google ID token refused: {}", rejected.getMessage());
            throw OAuthErrors.invalidToken(OAuthProvider.GOOGLE);
        }
        return identityOf(jwt.getClaims());
    }

    /** The decoder, for the browser flow's ID token. */
    JwtDecoder decoder() {
        return decoder;
    }

    /** Who the claims of a verified Google ID token name. */
    static ProviderIdentity identityOf(Map<String, Object> claims) {
        return new ProviderIdentity(
                OAuthProvider.GOOGLE,
                String.valueOf(claims.get(JwtClaimNames.SUB)),
                string(claims.get("email")),
                isTrue(claims.get("email_verified")),
                string(claims.get("name")),
                null,
                string(claims.get("picture")));
    }

    private static JWKSource<SecurityContext> jwkSource(OAuthProperties.Google settings, Duration timeout) {
        var millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try {
            var builder = JWKSourceBuilder.<SecurityContext>create(
                            URI.create(settings.jwkSetUri()).toURL(),
                            new DefaultResourceRetriever(millis, millis, JWKS_MAX_BYTES))
                    .cache(JWKS_CACHE_TTL.toMillis(), timeout.toMillis() + 1_000)
                    // While Google's JWKS is unreachable, keep using the keys we have rather than refusing everyone.
                    .outageTolerant(true);
            var minInterval = settings.jwkSetRefreshMinInterval();
            builder = minInterval.isZero() ? builder.rateLimited(false) : builder.rateLimited(minInterval.toMillis());
            return builder.build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("MARKETPLACE_OAUTH_GOOGLE_JWK_SET_URI is not a URL", e);
        }
    }

    private static OAuth2TokenValidator<Jwt> validator(OAuthProperties.Google settings, Clock clock) {
        var timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        var issuers = GOOGLE_ISSUER.equals(settings.issuer())
                ? Set.of(GOOGLE_ISSUER, "accounts.google.com")
                : Set.of(settings.issuer());
        return new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtClaimValidator<@Nullable Object>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtClaimValidator<@Nullable Object>(
                        JwtClaimNames.ISS, iss -> iss != null && issuers.contains(iss.toString())),
                new JwtClaimValidator<@Nullable List<String>>(
                        JwtClaimNames.AUD, aud -> aud != null && aud.contains(settings.clientId())),
                new JwtClaimValidator<@Nullable String>(
                        JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank() && sub.length() <= 255)));
    }

    /** Whether decoding failed because the JWKS could not be fetched (not because of the token). */
    private static boolean jwksUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JWKSetUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String string(@Nullable Object value) {
        return value instanceof String text && !text.isBlank() ? text : null;
    }

    // Google sends a boolean; older tokens carried the string "true".
    private static boolean isTrue(@Nullable Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
