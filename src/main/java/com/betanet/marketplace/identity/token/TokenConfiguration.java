package com.betanet.marketplace.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokenConfiguration {

    @Bean
    SigningKeys signingKeys(TokenProperties properties, Environment environment) {
        if (!properties.privateKey().isBlank()) {
            return SigningKeys.fromPem(properties.privateKey());
        }
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("MARKETPLACE_JWT_PRIVATE_KEY is required in the prod profile");
        }
        return SigningKeys.fromDirectory(Path.of(properties.keyDir()));
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder(
                new ImmutableJWKSet<SecurityContext>(new com.nimbusds.jose.jwk.JWKSet(keys.signingKey())));
    }

    /**
     * Only RS256 with our own key, our issuer, and at most a few seconds of clock skew. The decoder holds the public key
     * itself, converted once: selecting it from a JWK set converted it on every request (a sixth of a request's CPU in
     * the checkout profile). When a previous key is kept for rotation, select between the converted keys by kid.
     */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties, Clock clock) throws JOSEException {
        var decoder = NimbusJwtDecoder.withPublicKey(keys.signingKey().toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        var timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                Arrays.asList(timestamps, new JwtIssuerValidator(properties.issuer()))));
        return decoder;
    }
}
