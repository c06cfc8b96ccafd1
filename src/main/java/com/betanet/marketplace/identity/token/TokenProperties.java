package com.betanet.marketplace.identity.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code marketplace.jwt.*}: see the README's settings table. */
@ConfigurationProperties("marketplace.jwt")
public record TokenProperties(
        String privateKey, String keyDir, String issuer, Duration accessTokenTtl, Duration refreshTokenTtl) {

    public TokenProperties {
        if (accessTokenTtl.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("Access tokens must live 15 minutes or less");
        }
    }
}
