package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AdminUserListTests extends HttpTest {

    private static final String USERS = "/api/v1/admin/users";

    Accounts.Session admin;
    String family;
    Accounts.Session buyer;
    Accounts.Session seller;
    Accounts.Session suspended;

    @BeforeEach
    void threeAccountsOfOneFamily() {
        admin = CatalogApiFixtures.admin(api);
        // a name only these three share, so the list of the query is exactly them
        family = "Kamau"
                + UUID.randomUUID()
                        .toString()
                        .substring(0, 8)
                        .chars()
                        .mapToObj(digit -> String.valueOf((char) ('a' + Character.digit(digit, 16))))
                        .collect(java.util.stream.Collectors.joining());
        buyer = Accounts.register(api, named("BUYER", "Amina " + family));
        seller = Accounts.register(api, named("SELLER", "Baraka " + family));
        suspended = Accounts.register(api, named("BUYER", "Chebet " + family));
        var suspend = api.post(USERS + "/" + suspended.id() + "/suspend")
                .bearer(admin.accessToken())
                .send();
        assertThat(suspend.status()).as(suspend.toString()).isEqualTo(204);
    }

    private static Map<String, Object> named(String role, String fullName) {
        var body = Accounts.registration(role);
        body.put("fullName", fullName);
        return body;
    }

    private Api.Response list(String query) {
        return api.get(USERS + query).bearer(admin.accessToken()).send();
    }

    private static List<String> ids(JsonNode page) {
        var ids = new ArrayList<String>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void findsAccountsByAnyPartOfTheirNameUsernameOrEmailNewestFirst() {
        var byName = list("?q=" + family.toLowerCase());
        assertThat(byName.status()).as(byName.toString()).isEqualTo(200);
        assertThat(ids(byName.json()))
                .containsExactly(
                        suspended.id().toString(),
                        seller.id().toString(),
                        buyer.id().toString());

        var first = byName.json().get("items").get(2);
        assertThat(first.get("email").asString()).isEqualTo(buyer.email());
        assertThat(first.get("username").asString()).isEqualTo(buyer.username());
        assertThat(first.get("fullName").asString()).isEqualTo("Amina " + family);
        assertThat(first.get("roles").toString()).isEqualTo("[\"BUYER\"]");
        assertThat(first.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(first.get("suspendedAt").isNull()).isTrue();
        assertThat(first.has("createdAt")).isTrue();
        assertThat(first.toString()).doesNotContain("password").doesNotContain("hash");
        var suspendedItem = byName.json().get("items").get(0);
        assertThat(suspendedItem.get("status").asString()).isEqualTo("SUSPENDED");
        assertThat(suspendedItem.get("suspendedAt").isNull()).isFalse();
        assertThat(byName.json().get("items").get(1).get("roles").toString()).isEqualTo("[\"BUYER\",\"SELLER\"]");

        // the middle of an email and of a username find their account
        var emailPart = seller.email().substring(2, seller.email().indexOf('@'));
        assertThat(ids(list("?q=" + emailPart).json()))
                .containsExactly(seller.id().toString());
        assertThat(ids(list("?q=" + buyer.username().substring(1)).json()))
                .containsExactly(buyer.id().toString());
        // LIKE's wildcards are matched literally
        assertThat(ids(list("?q=%25" + family).json())).isEmpty();
    }

    @Test
    void filtersByStatusAndRoleAndWalksPagesWithACursorOfItsOwnList() {
        assertThat(ids(list("?q=" + family + "&status=SUSPENDED").json()))
                .containsExactly(suspended.id().toString());
        assertThat(ids(list("?q=" + family + "&status=ACTIVE").json()))
                .containsExactly(seller.id().toString(), buyer.id().toString());
        assertThat(ids(list("?q=" + family + "&role=SELLER").json()))
                .containsExactly(seller.id().toString());

        var walked = new ArrayList<String>();
        var page = list("?q=" + family + "&limit=1").json();
        walked.addAll(ids(page));
        while (!page.get("nextCursor").isNull()) {
            page = list("?q=" + family + "&limit=1&cursor="
                            + page.get("nextCursor").asString())
                    .json();
            walked.addAll(ids(page));
        }
        assertThat(walked)
                .containsExactly(
                        suspended.id().toString(),
                        seller.id().toString(),
                        buyer.id().toString());

        var firstPage = list("?q=" + family + "&limit=1").json();
        var elsewhere = list("?q=" + family + "&status=ACTIVE&cursor="
                + firstPage.get("nextCursor").asString());
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.code()).isEqualTo("validation_failed");
        for (var bad : List.of("?status=GONE", "?role=KING", "?limit=0", "?cursor=garbage", "?q=" + "x".repeat(101))) {
            var refused = list(bad);
            assertThat(refused.status()).as(bad + " " + refused).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
    }

    @Test
    void onlyAdminsListAccounts() {
        var asBuyer = api.get(USERS).bearer(buyer.accessToken()).send();
        assertThat(asBuyer.status()).isEqualTo(403);
        assertThat(asBuyer.code()).isEqualTo("forbidden");
        assertThat(api.get(USERS).send().status()).isEqualTo(401);
    }
}
