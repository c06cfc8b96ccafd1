package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Test fixtures for accounts: registers fresh users with unique emails and usernames. */
public final class Accounts {

    public static final String PASSWORD = "correct-horse-battery";

    private Accounts() {}

    public record Session(
            UUID id, String email, String username, String accessToken, String refreshToken, JsonNode body) {}

    public static Map<String, Object> registration(String role) {
        var suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var body = new LinkedHashMap<String, Object>();
        body.put("email", "user" + suffix + "@example.com");
        body.put("password", PASSWORD);
        body.put("username", "u" + suffix);
        body.put("fullName", "Test User");
        body.put("role", role);
        if ("SELLER".equals(role)) {
            body.put("shopName", "Shop " + suffix);
        }
        return body;
    }

    public static Session buyer(Api api) {
        return register(api, registration("BUYER"));
    }

    public static Session seller(Api api) {
        return register(api, registration("SELLER"));
    }

    public static Session register(Api api, Map<String, Object> body) {
        var response = api.post("/api/v1/auth/register").json(body).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return session(response.json());
    }

    public static Session login(Api api, String email, @Nullable String password) {
        var response = api.post("/api/v1/auth/login")
                .json(Map.of("email", email, "password", password == null ? PASSWORD : password))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return session(response.json());
    }

    public static Session session(JsonNode body) {
        var user = body.get("user");
        return new Session(
                UUID.fromString(user.get("id").asString()),
                user.get("email").asString(),
                user.get("username").asString(),
                body.get("accessToken").asString(),
                body.get("refreshToken").asString(),
                body);
    }
}
