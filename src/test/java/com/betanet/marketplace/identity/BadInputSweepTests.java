package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile input on every JSON endpoint of the accounts API: malformed JSON, wrong types, a 2 MiB body, nulls,
 * 10 000-character strings, control characters and emoji in names. Each must be a 4xx problem response, and the
 * accounts and sessions in the database must be exactly as before.
 */
class BadInputSweepTests extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    Accounts.Session user;
    Accounts.Session admin;

    enum Caller {
        ANONYMOUS,
        USER,
        ADMIN
    }

    /** One endpoint: a valid body, the fields that must not be null, and the fields that are names. */
    record Endpoint(
            String method,
            String path,
            Caller caller,
            Map<String, Object> validBody,
            Set<String> required,
            Set<String> names) {}

    @BeforeEach
    void setUp() {
        user = Accounts.buyer(api);
        admin = Accounts.login(api, "admin@betanet.test", "admin-password-for-tests");
    }

    List<Endpoint> endpoints() {
        var registration = Accounts.registration("SELLER");
        return List.of(
                new Endpoint(
                        "POST",
                        "/api/v1/auth/register",
                        Caller.ANONYMOUS,
                        registration,
                        Set.of("email", "password", "username", "fullName", "role"),
                        Set.of("username", "fullName", "shopName")),
                new Endpoint(
                        "POST",
                        "/api/v1/auth/login",
                        Caller.ANONYMOUS,
                        Map.of("email", user.email(), "password", "wrong-password-123"),
                        Set.of("email", "password"),
                        Set.of()),
                new Endpoint(
                        "POST",
                        "/api/v1/auth/refresh",
                        Caller.ANONYMOUS,
                        Map.of("refreshToken", "not-a-real-token"),
                        Set.of("refreshToken"),
                        Set.of()),
                new Endpoint(
                        "POST",
                        "/api/v1/auth/logout",
                        Caller.USER,
                        Map.of("refreshToken", "not-a-real-token"),
                        Set.of("refreshToken"),
                        Set.of()),
                new Endpoint(
                        "POST",
                        "/api/v1/auth/email/verify",
                        Caller.ANONYMOUS,
                        Map.of("token", "not-a-real-token"),
                        Set.of("token"),
                        Set.of()),
                new Endpoint(
                        "POST",
                        "/api/v1/auth/password/forgot",
                        Caller.ANONYMOUS,
                        Map.of("email", "nobody@example.com"),
                        Set.of("email"),
                        Set.of()),
                new Endpoint(
                        "POST",
                        "/api/v1/auth/password/reset",
                        Caller.ANONYMOUS,
                        Map.of("token", "not-a-real-token", "newPassword", "a-brand-new-password"),
                        Set.of("token", "newPassword"),
                        Set.of()),
                new Endpoint(
                        "PATCH",
                        "/api/v1/users/me",
                        Caller.USER,
                        Map.of("fullName", "New Name", "username", "x" + user.username(), "bio", "Hello"),
                        Set.of("fullName", "username"),
                        Set.of("fullName", "username")),
                new Endpoint(
                        "POST",
                        "/api/v1/users/me/roles/seller",
                        Caller.USER,
                        Map.of("shopName", "Mama Mboga"),
                        Set.of("shopName"),
                        Set.of("shopName")),
                new Endpoint(
                        "POST",
                        "/api/v1/users/me/password",
                        Caller.USER,
                        Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "another-good-password"),
                        Set.of("currentPassword", "newPassword"),
                        Set.of()),
                new Endpoint(
                        "POST",
                        "/api/v1/users/me/email",
                        Caller.USER,
                        Map.of("newEmail", "fresh-" + user.email(), "password", Accounts.PASSWORD),
                        Set.of("newEmail", "password"),
                        Set.of()));
    }

    @Test
    void hostileBodiesAreRefusedWithProblemsAndChangeNothing() {
        var failures = new ArrayList<String>();
        int sent = 0;
        for (var endpoint : endpoints()) {
            var before = fingerprint();
            for (var attempt : attacks(endpoint)) {
                var response = request(endpoint, attempt.body()).send();
                sent++;
                var type = response.header("Content-Type").orElse("");
                if (response.status() < 400
                        || response.status() >= 500
                        || !type.startsWith("application/problem+json")
                        || response.code() == null) {
                    failures.add(endpoint.method() + " " + endpoint.path() + " [" + attempt.name() + "] -> "
                            + response.status() + " " + abbreviate(response.text()));
                }
            }
            assertThat(fingerprint())
                    .as("nothing stored by hostile input to %s %s", endpoint.method(), endpoint.path())
                    .isEqualTo(before);
        }
        assertThat(failures).isEmpty();
        assertThat(sent).as("requests sent").isGreaterThan(150);
    }

    @Test
    void hostileQueryParametersAreRefusedWithProblems() {
        for (var path : List.of(
                "/api/v1/users/search",
                "/api/v1/users/search?q=",
                "/api/v1/users/search?q=" + "a".repeat(10_000),
                "/api/v1/users/search?q=ab&limit=0",
                "/api/v1/users/search?q=ab&limit=10000",
                "/api/v1/users/search?q=ab&limit=abc",
                "/api/v1/users/search?q=ab&cursor=garbage",
                "/api/v1/users/search?q=%27%3B%20drop%20table%20users%3B--&cursor=x.y")) {
            var response = api.get(path).bearer(user.accessToken()).send();
            assertThat(response.status()).as(path).isBetween(400, 499);
            assertThat(response.code()).as(path).isNotNull();
        }
        var injection = api.get("/api/v1/users/search?q=%27%3B%20drop%20table%20users%3B--")
                .bearer(user.accessToken())
                .send();
        assertThat(injection.status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from users").query(Long.class).single())
                .isPositive();
        for (var id : List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000")) {
            var suspend = api.post("/api/v1/admin/users/" + id + "/suspend")
                    .bearer(admin.accessToken())
                    .send();
            assertThat(suspend.status()).as(id).isIn(400, 404);
            assertThat(suspend.code()).isNotNull();
        }
    }

    record Attack(String name, Object body) {}

    private List<Attack> attacks(Endpoint endpoint) {
        var attacks = new ArrayList<Attack>();
        attacks.add(new Attack(
                "malformed JSON",
                "{\"" + endpoint.validBody().keySet().iterator().next() + "\": "));
        attacks.add(new Attack("not an object", "[1, 2, 3]"));
        attacks.add(new Attack("2 MiB body", "{\"x\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}"));
        attacks.add(new Attack("unknown field", with(endpoint.validBody(), "isAdmin", true)));
        for (var field : endpoint.validBody().keySet()) {
            if (endpoint.validBody().get(field) instanceof String) {
                attacks.add(new Attack(field + " as number", with(endpoint.validBody(), field, 12345)));
                attacks.add(new Attack(field + " as array", with(endpoint.validBody(), field, List.of("a"))));
                attacks.add(new Attack(field + " as object", with(endpoint.validBody(), field, Map.of("a", "b"))));
                attacks.add(new Attack(field + " 10 000 chars", with(endpoint.validBody(), field, "a".repeat(10_000))));
            }
        }
        for (var field : endpoint.required()) {
            attacks.add(new Attack(field + " null", with(endpoint.validBody(), field, null)));
        }
        for (var field : endpoint.names()) {
            attacks.add(new Attack(field + " control char", with(endpoint.validBody(), field, "Bad\u0000Name")));
            attacks.add(new Attack(field + " bell", with(endpoint.validBody(), field, "Bad\u0007Name")));
            attacks.add(new Attack(field + " emoji", with(endpoint.validBody(), field, "Rocket 🚀 Name")));
        }
        return attacks;
    }

    private Api.Request request(Endpoint endpoint, Object body) {
        var client = api.fromAnotherIp(); // per-address rate limits must not mask validation
        var request = switch (endpoint.method()) {
            case "PATCH" -> client.patch(endpoint.path());
            case "PUT" -> client.put(endpoint.path());
            default -> client.post(endpoint.path());
        };
        switch (endpoint.caller()) {
            case USER -> request.bearer(user.accessToken());
            case ADMIN -> request.bearer(admin.accessToken());
            case ANONYMOUS -> {}
        }
        return request.json(body);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var copy = new LinkedHashMap<String, Object>(body);
        copy.put(field, value);
        return copy;
    }

    /** Accounts, sessions and one-time links, as one value that any stored change alters. */
    private String fingerprint() {
        return jdbc.sql("""
                        select (select md5(coalesce(string_agg(u::text, ',' order by u.id), '')) from users u)
                            || (select count(*) from refresh_token_families)
                            || (select count(*) from refresh_tokens)
                            || (select count(*) from account_tokens where purpose <> 'VERIFY_EMAIL')
                        """).query(String.class).single();
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
