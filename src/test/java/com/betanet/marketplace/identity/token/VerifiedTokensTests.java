package com.betanet.marketplace.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTests {

    static final Instant ISSUED = Instant.parse("2026-12-07T12:00:00Z");

    /** A verifier that counts its calls: "good-…" tokens verify (expiring 15 min after issue), anything else does not. */
    final AtomicInteger verifications = new AtomicInteger();

    final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token.substring(5))
                .issuedAt(ISSUED)
                .expiresAt(ISSUED.plus(Duration.ofMinutes(15)))
                .claims(claims -> claims.putAll(Map.of("roles", java.util.List.of("BUYER"))))
                .build();
    };

    Clock clock = Clock.fixed(ISSUED.plusSeconds(60), ZoneOffset.UTC);

    VerifiedTokens tokens() {
        var timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps.setClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        });
        return new VerifiedTokens(verifier, timestamps, 2, Duration.ofMinutes(5));
    }

    @Test
    void aTokenIsVerifiedOnceAndStillExpiresOnTime() {
        var tokens = tokens();
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.decode("good-amina").getSubject()).isEqualTo("amina");
        }
        assertThat(verifications).hasValue(1);

        clock = Clock.fixed(ISSUED.plus(Duration.ofMinutes(16)), ZoneOffset.UTC);
        assertThatThrownBy(() -> tokens.decode("good-amina")).isInstanceOf(JwtValidationException.class);
        assertThat(verifications).as("refused from memory, not verified again").hasValue(1);
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() {
        var tokens = tokens();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode("forged-amina")).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).hasValue(3);
    }

    @Test
    void itRemembersAtMostItsSize() {
        var tokens = tokens();
        for (var name : new String[] {"a", "b", "c", "d", "e", "f"}) {
            tokens.decode("good-" + name);
        }
        verifications.set(0);
        for (var name : new String[] {"a", "b", "c", "d", "e", "f"}) {
            tokens.decode("good-" + name);
        }
        // two are kept: most of the six were forgotten and verified again
        assertThat(verifications.get()).isGreaterThanOrEqualTo(4);
    }
}
