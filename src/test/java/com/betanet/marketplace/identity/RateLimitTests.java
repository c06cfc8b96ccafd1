package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sign-in limits through real HTTP, with the configured values (defaults: 30 per minute, 10 failures). */
@IntegrationTest
class RateLimitTests {

    @LocalServerPort
    int port;

    @Value("${marketplace.rate-limit.auth-per-ip}")
    int perAddress;

    @Value("${marketplace.rate-limit.login-failures}")
    int loginFailures;

    @Test
    void signInEndpointsShareOneLimitPerAddressAndAnswer429WithRetryAfter() {
        var account = Accounts.buyer(new Api(port));
        var client = new Api(port);
        for (int i = 0; i < perAddress; i++) {
            // refresh with an unknown token: cheap (no password hashing) and counted like any sign-in request
            var response = client.post("/api/v1/auth/refresh")
                    .json(Map.of("refreshToken", "unknown-" + i))
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
        }

        var refused = client.post("/api/v1/auth/login")
                .json(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                .send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(refused.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var retryAfter = Long.parseLong(refused.header("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);

        var register = client.post("/api/v1/auth/register")
                .json(Accounts.registration("BUYER"))
                .send();
        assertThat(register.status()).as("register shares the address's limit").isEqualTo(429);
        var forgot = client.post("/api/v1/auth/password/forgot")
                .json(Map.of("email", account.email()))
                .send();
        assertThat(forgot.status())
                .as("password forgot shares the address's limit")
                .isEqualTo(429);
        var oauth = client.post("/api/v1/auth/oauth/google")
                .json(Map.of("token", "x"))
                .send();
        assertThat(oauth.status())
                .as("OAuth sign-in shares the address's limit")
                .isEqualTo(429);

        // the refused requests did nothing: the account still has only the sessions it had
        Accounts.login(client.fromAnotherIp(), account.email(), null);
        assertThat(client.get("/.well-known/jwks.json").send().status())
                .as("other endpoints are not limited")
                .isEqualTo(200);
    }

    @Test
    void failedLoginsLockThatAccountFromThatAddressOnly() {
        var victim = Accounts.buyer(new Api(port));
        var bystander = Accounts.buyer(new Api(port));
        var attacker = new Api(port);
        for (int i = 0; i < loginFailures; i++) {
            var wrong = attacker.post("/api/v1/auth/login")
                    .json(Map.of("email", victim.email(), "password", "wrong-password-" + i))
                    .send();
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo("invalid_credentials");
        }

        var right = attacker.post("/api/v1/auth/login")
                .json(Map.of("email", victim.email(), "password", Accounts.PASSWORD))
                .send();
        assertThat(right.status()).as("locked even with the right password").isEqualTo(429);
        assertThat(right.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(right.header("Retry-After").orElseThrow())).isBetween(1L, 15 * 60L);
        var otherCase = attacker.post("/api/v1/auth/login")
                .json(Map.of("email", victim.email().toUpperCase(), "password", Accounts.PASSWORD))
                .send();
        assertThat(otherCase.status()).as("the email is counted normalised").isEqualTo(429);

        var owner = Accounts.login(attacker.fromAnotherIp(), victim.email(), null);
        assertThat(owner.id()).as("nobody can lock a stranger out").isEqualTo(victim.id());
        var other = Accounts.login(attacker, bystander.email(), null);
        assertThat(other.id())
                .as("other accounts from the same address still work")
                .isEqualTo(bystander.id());
    }

    @Test
    void successfulLoginsCountNoFailures() {
        var client = new Api(port);
        var account = Accounts.buyer(client);
        for (int i = 0; i < loginFailures + 2; i++) {
            Accounts.login(client, account.email(), null);
        }

        var wrong = client.post("/api/v1/auth/login")
                .json(Map.of("email", account.email(), "password", "wrong-password"))
                .send();

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
    }

    @Test
    void withoutRedisConfiguredThereIsNoRedisHealthToTurnRed() {
        var api = new Api(port);
        var readiness = api.get("/actuator/health/readiness").send();
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/redis").send().status()).isEqualTo(404);
    }
}
