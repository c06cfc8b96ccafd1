package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.HttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthFlowTests extends HttpTest {

    @Test
    void registersABuyerAndReturnsTokens() {
        var body = Accounts.registration("BUYER");
        var response = api.post("/api/v1/auth/register").json(body).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var json = response.json();
        assertThat(json.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(json.get("expiresIn").asLong()).isBetween(1L, 900L);
        assertThat(json.get("user").get("email").asString()).isEqualTo(body.get("email"));
        assertThat(json.get("user").get("emailVerified").asBoolean()).isFalse();
        assertThat(json.get("user").get("roles").toString()).isEqualTo("[\"BUYER\"]");
    }

    @Test
    void registersASellerWithShopName() {
        var session = Accounts.seller(api);
        assertThat(session.body().get("user").get("roles").toString()).isEqualTo("[\"BUYER\",\"SELLER\"]");
        assertThat(session.body().get("user").get("shopName").asString()).startsWith("Shop ");
    }

    @Test
    void refusesADuplicateEmailInAnyCase() {
        var body = Accounts.registration("BUYER");
        Accounts.register(api, body);
        var again = Accounts.registration("BUYER");
        again.put("email", ((String) body.get("email")).toUpperCase());

        var response = api.post("/api/v1/auth/register").json(again).send();

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("email_taken");
    }

    @Test
    void logsInAndRotatesRefreshTokens() {
        var registered = Accounts.buyer(api);
        var login = Accounts.login(api, registered.email(), null);

        var refreshed = api.post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", login.refreshToken()))
                .send();
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        var next = Accounts.session(refreshed.json());
        assertThat(next.refreshToken()).isNotEqualTo(login.refreshToken());

        var reused = api.post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", login.refreshToken()))
                .send();
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("refresh_token_reused");

        var killed = api.post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", next.refreshToken()))
                .send();
        assertThat(killed.status()).isEqualTo(401);
        assertThat(killed.code()).isEqualTo("invalid_refresh_token");
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        var registered = Accounts.buyer(api);
        var wrong = api.post("/api/v1/auth/login")
                .json(Map.of("email", registered.email(), "password", "not-the-password"))
                .send();
        var unknown = api.post("/api/v1/auth/login")
                .json(Map.of("email", "nobody-" + registered.email(), "password", "not-the-password"))
                .send();

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo(unknown.code()).isEqualTo("invalid_credentials");
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    }

    @Test
    void publishesTheSigningKey() {
        var response = api.get("/.well-known/jwks.json").send();
        assertThat(response.status()).isEqualTo(200);
        var key = response.json().get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("kid").asString()).isNotBlank();
        assertThat(key.has("d")).as("private exponent must never be published").isFalse();
    }
}
