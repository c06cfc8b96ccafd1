package com.betanet.marketplace.identity.token;

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

    /** Only RS256 with our own keys, our issuer, and at most a few seconds of clock skew. */
    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties, Clock clock) {
        var decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys.publicKeys()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        var timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                Arrays.asList(timestamps, new JwtIssuerValidator(properties.issuer()))));
        return decoder;
    }
}
