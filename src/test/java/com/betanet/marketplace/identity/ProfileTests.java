package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ProfileTests extends HttpTest {

    @Autowired
    UserRepository users;

    @Test
    void showsTheCallersAccount() {
        var account = Accounts.buyer(api);

        var me = me(account);

        assertThat(names(me))
                .containsExactlyInAnyOrder(
                        "id",
                        "email",
                        "emailVerified",
                        "username",
                        "fullName",
                        "bio",
                        "phoneNumber",
                        "roles",
                        "shopName",
                        "avatarUrl",
                        "createdAt");
        assertThat(me.get("id").asString()).isEqualTo(account.id().toString());
        assertThat(me.get("email").asString()).isEqualTo(account.email());
        assertThat(me.get("roles").toString()).isEqualTo("[\"BUYER\"]");
        var anonymous = api.get("/api/v1/users/me").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).isPresent();
    }

    @Test
    void editsEachField() {
        var account = Accounts.buyer(api);
        var username = "edited_" + account.username().substring(1, 9);

        var response = patch(
                account,
                Map.of(
                        "fullName", "  Wanjiku Kamau-Njoroge ",
                        "username", username.toUpperCase(),
                        "bio", "Sells fresh produce 🥬\nin Nairobi",
                        "phoneNumber", "0712 345 678",
                        "shopName", "Wanjiku's Greens"));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (var view : List.of(response.json(), me(account))) {
            assertThat(view.get("fullName").asString()).isEqualTo("Wanjiku Kamau-Njoroge");
            assertThat(view.get("username").asString()).isEqualTo(username);
            assertThat(view.get("bio").asString()).isEqualTo("Sells fresh produce 🥬\nin Nairobi");
            assertThat(view.get("phoneNumber").asString()).isEqualTo("+254712345678");
            assertThat(view.get("shopName").asString()).isEqualTo("Wanjiku's Greens");
            assertThat(view.get("email").asString()).isEqualTo(account.email());
        }

        assertThat(patch(account, Map.of("phoneNumber", "+44 20 7946 0958"))
                        .json()
                        .get("phoneNumber")
                        .asString())
                .isEqualTo("+442079460958");
        assertThat(patch(account, Map.of("fullName", "Amina"))
                        .json()
                        .get("username")
                        .asString())
                .as("absent fields stay")
                .isEqualTo(username);
    }

    @Test
    void nullClearsOptionalFields() {
        var account = Accounts.buyer(api);
        patch(account, Map.of("bio", "Hello", "phoneNumber", "0712345678", "shopName", "My Shop"));

        var body = new HashMap<String, Object>();
        body.put("bio", null);
        body.put("phoneNumber", null);
        body.put("shopName", null);
        var response = patch(account, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var me = me(account);
        assertThat(me.get("bio").isNull()).isTrue();
        assertThat(me.get("phoneNumber").isNull()).isTrue();
        assertThat(me.get("shopName").isNull()).isTrue();
        assertThat(me.get("fullName").asString()).isEqualTo("Test User");
    }

    @Test
    void nullForARequiredFieldIsRefused() {
        var account = Accounts.buyer(api);
        for (var field : List.of("fullName", "username")) {
            var body = new HashMap<String, Object>();
            body.put(field, null);
            body.put("bio", "should not be stored");
            var response = patch(account, body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(fields(response)).containsExactly(field);
        }
        var seller = Accounts.seller(api);
        var clearShop = new HashMap<String, Object>();
        clearShop.put("shopName", null);
        assertThat(patch(seller, clearShop).status())
                .as("a seller keeps a shop name")
                .isEqualTo(400);

        assertThat(me(account).get("bio").isNull()).isTrue();
        assertThat(me(seller).get("shopName").isNull()).isFalse();
    }

    @Test
    void unknownFieldsAreRefusedAndNothingChanges() {
        var account = Accounts.buyer(api);
        var before = me(account);
        for (var field : List.of("roles", "email", "id", "emailVerified", "avatarUrl", "createdAt", "seller")) {
            var body = new LinkedHashMap<String, Object>();
            body.put("fullName", "Mallory Attacker");
            body.put(field, field.equals("roles") ? List.of("ADMIN", "SELLER") : "x");
            var response = patch(account, body);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(fields(response)).contains(field);
        }
        assertThat(me(account)).isEqualTo(before);
    }

    @Test
    void aUsernameSomeoneHasIsTakenInAnyCase() {
        var first = Accounts.buyer(api);
        var second = Accounts.buyer(api);

        var response = patch(second, Map.of("username", first.username().toUpperCase(), "bio", "not stored"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("username_taken");
        var me = me(second);
        assertThat(me.get("username").asString()).isEqualTo(second.username());
        assertThat(me.get("bio").isNull()).isTrue();
        assertThat(patch(first, Map.of("username", first.username())).status())
                .as("keeping one's own username is no conflict")
                .isEqualTo(200);
    }

    @Test
    void concurrentRenamesToOneUsernameHaveOneWinner() throws Exception {
        var wanted = "race_" + UUID.randomUUID().toString().substring(0, 8);
        var accounts = new ArrayList<Accounts.Session>();
        for (int i = 0; i < 8; i++) {
            accounts.add(Accounts.buyer(api.fromAnotherIp()));
        }
        var start = new CountDownLatch(1);
        var statuses = new ArrayList<CompletableFuture<Integer>>();
        var pool = Executors.newFixedThreadPool(accounts.size());
        try {
            for (var account : accounts) {
                statuses.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return patch(account, Map.of("username", wanted)).status();
                        },
                        pool));
            }
            start.countDown();
            var results = statuses.stream().map(CompletableFuture::join).toList();
            assertThat(results).containsOnly(200, 409);
            assertThat(results).filteredOn(status -> status == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(users.findByUsername(wanted)).isPresent();
    }

    @Test
    void hostileInputIsRefusedAndNothingIsStored() {
        var account = Accounts.buyer(api);
        var before = me(account);
        var huge = "a".repeat(10_000);
        var bodies = new ArrayList<Object>();
        for (var field : List.of("fullName", "username", "bio", "phoneNumber", "shopName")) {
            // each bad value travels with a valid change, which must not be stored either
            var companion = field.equals("fullName") ? "bio" : "fullName";
            var valid = companion.equals("bio") ? "not stored" : "Not Stored";
            bodies.add(Map.of(field, huge, companion, valid));
            bodies.add(Map.of(field, 42, companion, valid));
            bodies.add(Map.of(field, List.of("a"), companion, valid));
        }
        for (var name : List.of(
                "Bad\u0000Name", "Bell\u0007", "Line\nBreak", "Alice 😀", "Zero\u200BWidth", "<script>", "   ", "")) {
            bodies.add(Map.of("fullName", name, "bio", "not stored"));
        }
        for (var shop : List.of("Shop 😀", "Shop\u0000", "Shop\u202Eevil")) {
            bodies.add(Map.of("shopName", shop, "bio", "not stored"));
        }
        for (var username : List.of("me", "admin", "ab", "has space", "ümlaut", "dash-name")) {
            bodies.add(Map.of("username", username, "bio", "not stored"));
        }
        bodies.add(Map.of("bio", "Bell\u0007", "fullName", "Not Stored"));
        bodies.add(Map.of("phoneNumber", "not a phone", "fullName", "Not Stored"));
        bodies.add(Map.of("phoneNumber", "4155552671", "fullName", "Not Stored"));
        bodies.add("{\"fullName\": \"Not Stored\"");
        bodies.add("[]");
        bodies.add("\"text\"");
        bodies.add("null");
        bodies.add("");

        for (var body : bodies) {
            var response = patch(account, body);
            assertThat(response.status()).as(String.valueOf(body)).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        var tooLarge = patch(account, Map.of("bio", "x".repeat(2 * 1024 * 1024)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.code()).isEqualTo("payload_too_large");
        assertThat(me(account)).isEqualTo(before);
    }

    @Test
    void publicProfilesAreOpenToAnyoneAndShowNoPrivateData() {
        var seller = Accounts.seller(api);
        patch(seller, Map.of("bio", "Fresh greens daily", "phoneNumber", "0712345678"));

        var response =
                api.get("/api/v1/users/" + seller.username().toUpperCase()).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var profile = response.json();
        assertThat(names(profile))
                .containsExactlyInAnyOrder(
                        "id", "username", "fullName", "bio", "avatarUrl", "shopName", "roles", "memberSince");
        assertThat(profile.get("username").asString()).isEqualTo(seller.username());
        assertThat(profile.get("bio").asString()).isEqualTo("Fresh greens daily");
        assertThat(profile.get("roles").toString()).isEqualTo("[\"BUYER\",\"SELLER\"]");
        assertThat(response.text()).doesNotContain(seller.email()).doesNotContain("712345678");
        assertThat(Instant.parse(profile.get("memberSince").asString())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void unknownAndSuspendedUsersHaveNoPublicProfile() {
        assertThat(api.get("/api/v1/users/no_such_user_here").send().status()).isEqualTo(404);

        var account = Accounts.buyer(api);
        var user = users.findById(account.id()).orElseThrow();
        user.suspend(Instant.now());
        users.save(user);

        var response = api.get("/api/v1/users/" + account.username()).send();
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("not_found");
    }

    private JsonNode me(Accounts.Session account) {
        var response = api.get("/api/v1/users/me").bearer(account.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private Api.Response patch(Accounts.Session account, Object body) {
        return api.patch("/api/v1/users/me")
                .bearer(account.accessToken())
                .json(body)
                .send();
    }

    private static Set<String> names(JsonNode node) {
        var names = new HashSet<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static List<String> fields(Api.Response response) {
        var fields = new ArrayList<String>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }
}
