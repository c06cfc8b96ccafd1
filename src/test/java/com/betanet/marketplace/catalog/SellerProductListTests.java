package com.betanet.marketplace.catalog;

import static com.betanet.marketplace.catalog.CategoryTests.assertForbidden;
import static com.betanet.marketplace.catalog.CategoryTests.assertValidationError;
import static com.betanet.marketplace.support.CatalogApiFixtures.id;
import static com.betanet.marketplace.support.CatalogApiFixtures.product;
import static com.betanet.marketplace.support.CatalogApiFixtures.productBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class SellerProductListTests {

    private static final String LIST = "/api/v1/seller/products";

    @LocalServerPort
    int port;

    Api api;
    Accounts.Session seller;
    UUID categoryId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        seller = Accounts.seller(api);
    }

    @Test
    void walksEveryOwnProductInEveryStatusNewestFirstWithoutDuplicates() {
        var created = new ArrayList<UUID>();
        for (int i = 0; i < 7; i++) {
            var body = productBody(categoryId);
            body.put("status", i % 3 == 1 ? "DRAFT" : "ACTIVE");
            created.add(id(product(api, seller, body)));
        }
        api.delete("/api/v1/products/" + created.get(2))
                .bearer(seller.accessToken())
                .send();
        var stranger = Accounts.seller(api);
        product(api, stranger, categoryId);

        var seen = new ArrayList<UUID>();
        var statuses = new HashSet<String>();
        String cursor = null;
        int pages = 0;
        do {
            var page = page(null, 3, cursor);
            pages++;
            for (var item : page.get("items")) {
                seen.add(id(item));
                statuses.add(item.get("status").asString());
                assertThat(item.get("seller").get("id").asString())
                        .isEqualTo(seller.id().toString());
            }
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(newestFirst(created));
        assertThat(statuses).containsExactlyInAnyOrder("ACTIVE", "DRAFT", "ARCHIVED");
    }

    @Test
    void keepsItsPlaceWhileNewProductsAreAdded() {
        var created = new ArrayList<UUID>();
        for (int i = 0; i < 4; i++) {
            created.add(id(product(api, seller, categoryId)));
        }
        var first = page(null, 2, null);
        var added = id(product(api, seller, categoryId)); // lands before the cursor: not repeated, not shifting
        var second = page(null, 2, first.get("nextCursor").asString());

        var seen = new ArrayList<UUID>();
        first.get("items").forEach(item -> seen.add(id(item)));
        second.get("items").forEach(item -> seen.add(id(item)));
        assertThat(seen).containsExactlyElementsOf(newestFirst(created));
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(id(page(null, 1, null).get("items").get(0))).isEqualTo(added);
    }

    @Test
    void filtersByStatus() {
        var draftBody = productBody(categoryId);
        draftBody.put("status", "DRAFT");
        var draft = id(product(api, seller, draftBody));
        var active = id(product(api, seller, categoryId));
        var archived = id(product(api, seller, categoryId));
        api.delete("/api/v1/products/" + archived).bearer(seller.accessToken()).send();

        assertThat(ids(page("DRAFT", null, null))).containsExactly(draft);
        assertThat(ids(page("ACTIVE", null, null))).containsExactly(active);
        assertThat(ids(page("ARCHIVED", null, null))).containsExactly(archived);
        assertThat(ids(page(null, null, null))).containsExactly(archived, active, draft);
    }

    @Test
    void aCursorContinuesOnlyTheListItCameFrom() {
        for (int i = 0; i < 3; i++) {
            product(api, seller, categoryId);
        }
        var other = Accounts.seller(api);
        for (int i = 0; i < 3; i++) {
            product(api, other, categoryId);
        }
        var cursor = page(null, 1, null).get("nextCursor").asString();

        assertThat(ids(page(null, 5, cursor))).hasSize(2);
        assertValidationError(get(LIST + "?status=ACTIVE&cursor=" + encode(cursor)), "cursor");
        assertValidationError(
                api.get(LIST + "?cursor=" + encode(cursor))
                        .bearer(other.accessToken())
                        .send(),
                "cursor");
    }

    @Test
    void refusesBadPagesAndNonSellers() {
        product(api, seller, categoryId);
        assertValidationError(get(LIST + "?limit=0"), "limit");
        assertValidationError(get(LIST + "?limit=101"), "limit");
        assertValidationError(get(LIST + "?limit=ten"), "limit");
        assertValidationError(get(LIST + "?status=SOLD"), "status");
        assertValidationError(get(LIST + "?cursor=garbage"), "cursor");
        assertValidationError(get(LIST + "?cursor=" + encode("eyJ4IjoxfQ.AAAAAAAAAAAAAAAAAAAAAA")), "cursor");

        var buyer = Accounts.buyer(api);
        assertForbidden(api.get(LIST).bearer(buyer.accessToken()).send());
        assertThat(api.get(LIST).send().status()).isEqualTo(401);
    }

    private JsonNode page(@Nullable String status, @Nullable Integer limit, @Nullable String cursor) {
        var query = new ArrayList<String>();
        if (status != null) {
            query.add("status=" + status);
        }
        if (limit != null) {
            query.add("limit=" + limit);
        }
        if (cursor != null) {
            query.add("cursor=" + encode(cursor));
        }
        var response = get(LIST + (query.isEmpty() ? "" : "?" + String.join("&", query)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private Api.Response get(String path) {
        return api.get(path).bearer(seller.accessToken()).send();
    }

    private static List<UUID> ids(JsonNode page) {
        var ids = new ArrayList<UUID>();
        page.get("items").forEach(item -> ids.add(id(item)));
        return ids;
    }

    private static List<UUID> newestFirst(List<UUID> created) {
        var reversed = new ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
