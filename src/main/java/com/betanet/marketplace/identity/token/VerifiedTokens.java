package com.betanet.marketplace.identity.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers access tokens whose signature was verified, so a client's many requests with one token pay for the RS256
 * check and the parsing of its claims once rather than on every request. Only that is remembered: the validators
 * (expiry, issuer) run on every use, so a remembered token stops working exactly when it expires. A token that fails
 * verification is never remembered. At most {@code size} tokens, each for at most {@code keep}.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier checks the signature and parses the claims, validating nothing else
     * @param validator what every use of a token must pass
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int size, Duration keep) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfterWrite(keep)
                .executor(Runnable::run) // evictions on the request's thread: the bound holds at once
                .build();
    }

    @Override
    public Jwt decode(String token) {
        var jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = verifier.decode(token);
            verified.put(token, jwt);
        }
        var result = validator.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(
                    result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return jwt;
    }
}
