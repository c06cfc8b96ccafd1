package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RefreshTokenRotationTests extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theNewTokenWorksTheOldFailsAndReusingTheOldKillsTheNew() {
        var account = Accounts.buyer(api);
        var otherDevice = Accounts.login(api, account.email(), null);
        var first = Accounts.login(api, account.email(), null);

        var second = refresh(first.refreshToken());
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        var secondSession = Accounts.session(second.json());
        assertThat(secondSession.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(secondSession.id()).isEqualTo(account.id());
        var third = refresh(secondSession.refreshToken());
        assertThat(third.status()).as("the new token works").isEqualTo(200);
        var newest = Accounts.session(third.json());

        var replayed = refresh(first.refreshToken());
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.code()).isEqualTo("refresh_token_reused");
        var killed = refresh(newest.refreshToken());
        assertThat(killed.status()).as("reuse revoked the whole family").isEqualTo(401);
        assertThat(killed.code()).isEqualTo("invalid_refresh_token");
        assertThat(revokedReason(familyOf(newest.accessToken()))).isEqualTo("REUSE");

        var unrelated = refresh(otherDevice.refreshToken());
        assertThat(unrelated.status())
                .as("the user's other sign-ins are untouched")
                .isEqualTo(200);
    }

    @Test
    void aSpentTokenCannotBeRefreshedTwiceEvenConcurrently() throws Exception {
        var account = Accounts.buyer(api);
        var start = new CountDownLatch(1);
        var attempts = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < 5; i++) {
            var client = api.fromAnotherIp();
            attempts.add(() -> {
                start.await();
                return client.post("/api/v1/auth/refresh")
                        .json(Map.of("refreshToken", account.refreshToken()))
                        .send();
            });
        }
        var pool = Executors.newFixedThreadPool(5);
        var responses = new ArrayList<Api.Response>();
        try {
            var futures = attempts.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                responses.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        // The first to spend the token wins; every other one is a replay of a spent token, which ends the family.
        assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(1);
        assertThat(responses)
                .filteredOn(response -> response.status() != 200)
                .hasSize(4)
                .allSatisfy(response -> {
                    assertThat(response.status()).isEqualTo(401);
                    assertThat(response.code()).isEqualTo("refresh_token_reused");
                });
        assertThat(revokedReason(familyOf(account.accessToken()))).isEqualTo("REUSE");
        var winner = responses.stream()
                .filter(response -> response.status() == 200)
                .findFirst()
                .orElseThrow();
        assertThat(refresh(Accounts.session(winner.json()).refreshToken()).code())
                .isEqualTo("invalid_refresh_token");
    }

    @Test
    void logoutEndsThatSignInButTheAccessTokenLivesOutItsShortLife() {
        var account = Accounts.buyer(api);
        var phone = Accounts.login(api, account.email(), null);

        var logout = api.post("/api/v1/auth/logout")
                .bearer(account.accessToken())
                .json(Map.of("refreshToken", account.refreshToken()))
                .send();
        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertThat(revokedReason(familyOf(account.accessToken()))).isEqualTo("LOGOUT");

        var afterLogout = refresh(account.refreshToken());
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.code()).isEqualTo("invalid_refresh_token");
        assertThat(refresh(phone.refreshToken()).status())
                .as("the other sign-in stays")
                .isEqualTo(200);

        // Access tokens are stateless JWTs: logout cannot recall one, so it works until it expires (15 minutes at
        // most). Suspension is the exception, enforced by a per-request account check.
        var stillValid = api.post("/api/v1/auth/logout")
                .bearer(account.accessToken())
                .json(Map.of("refreshToken", "anything"))
                .send();
        assertThat(stillValid.status()).isEqualTo(204);
        assertThat(expiry(account.accessToken()))
                .isBefore(Instant.now().plus(Duration.ofMinutes(15).plusSeconds(5)));
    }

    @Test
    void logoutWithSomeoneElsesRefreshTokenRevokesNothing() {
        var victim = Accounts.buyer(api);
        var other = Accounts.buyer(api);

        var logout = api.post("/api/v1/auth/logout")
                .bearer(other.accessToken())
                .json(Map.of("refreshToken", victim.refreshToken()))
                .send();

        assertThat(logout.status()).isEqualTo(204);
        assertThat(revokedReason(familyOf(victim.accessToken()))).isNull();
        assertThat(refresh(victim.refreshToken()).status()).isEqualTo(200);
    }

    private Api.Response refresh(String token) {
        return api.post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", token))
                .send();
    }

    private static UUID familyOf(String accessToken) {
        try {
            return UUID.fromString(
                    SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid"));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant expiry(String accessToken) {
        try {
            return SignedJWT.parse(accessToken)
                    .getJWTClaimsSet()
                    .getExpirationTime()
                    .toInstant();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private @Nullable String revokedReason(UUID family) {
        var reasons = jdbc.sql("select revoked_reason from refresh_token_families where id = ?")
                .param(family)
                .query((rs, row) -> Optional.ofNullable(rs.getString(1)))
                .list();
        assertThat(reasons).hasSize(1);
        return reasons.get(0).orElse(null);
    }
}
