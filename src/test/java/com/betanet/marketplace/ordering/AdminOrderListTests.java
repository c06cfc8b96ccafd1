package com.betanet.marketplace.ordering;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.PaymentFixtures.paid;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /admin/orders}: every order, newest first, filtered and paged, for admins only. */
class AdminOrderListTests extends HttpTest {

    Accounts.Session admin;
    Accounts.Session buyer;
    Accounts.Session seller;
    Accounts.Session otherSeller;
    /** The buyer's orders, oldest first: paid (seller), unpaid (other seller), unpaid (seller). */
    List<String> orders = new ArrayList<>();

    @BeforeEach
    void orders() {
        admin = CatalogApiFixtures.admin(api);
        var categoryId = CatalogApiFixtures.categoryId(api, admin);
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
        otherSeller = Accounts.seller(api);
        for (var who : List.of(seller, otherSeller, seller)) {
            addToCart(api, buyer, product(api, who, categoryId, 1_000, 5), 1);
            var checkout = checkedOut(api, buyer);
            orders.add(checkout.get("orders").get(0).get("id").asString());
            if (orders.size() == 1) {
                paid(api, buyer, UUID.fromString(checkout.get("id").asString()));
            }
        }
    }

    private Api.Response list(Accounts.Session who, String query) {
        return api.get("/api/v1/admin/orders?" + query)
                .bearer(who.accessToken())
                .send();
    }

    @Test
    void adminsSeeEveryOrderNewestFirstFilteredByStatusBuyerAndSeller() {
        var mine = "buyerId=" + buyer.id();
        assertThat(Pages.ids(list(admin, mine))).containsExactly(orders.get(2), orders.get(1), orders.get(0));
        assertThat(Pages.ids(list(admin, mine + "&status=CONFIRMED"))).containsExactly(orders.get(0));
        assertThat(Pages.ids(list(admin, mine + "&status=PENDING_PAYMENT")))
                .containsExactly(orders.get(2), orders.get(1));
        assertThat(Pages.ids(list(admin, "sellerId=" + otherSeller.id()))).containsExactly(orders.get(1));
        assertThat(Pages.ids(list(admin, mine + "&sellerId=" + seller.id())))
                .containsExactly(orders.get(2), orders.get(0));
        assertThat(Pages.ids(list(admin, "status=CONFIRMED")))
                .as("without a buyer: everybody's, this one among them")
                .contains(orders.get(0))
                .doesNotContain(orders.get(1));

        JsonNode order = api.get("/api/v1/admin/orders/" + orders.get(0))
                .bearer(admin.accessToken())
                .send()
                .json();
        assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.get("buyer").get("id").asString()).isEqualTo(buyer.id().toString());
    }

    @Test
    void pagesWalkTheListOnceAndACursorOnlyContinuesItsOwnList() {
        var walk = Pages.walk(api, admin, "/api/v1/admin/orders?limit=1&buyerId=" + buyer.id());
        var walked = walk.ids();
        var firstCursor = walk.cursors().get(0);
        assertThat(walked).containsExactly(orders.get(2), orders.get(1), orders.get(0));

        var elsewhere = list(admin, "limit=1&sellerId=" + seller.id() + "&cursor=" + firstCursor);
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(400);
        assertThat(elsewhere.code()).isEqualTo("validation_failed");
    }

    @Test
    void badInputIsA400AndOnlyAdminsMayLook() {
        for (var query : List.of("status=LOST", "buyerId=abc", "limit=0", "cursor=garbage")) {
            var response = list(admin, query);
            assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("validation_failed");
        }
        assertThat(list(buyer, "").status()).isEqualTo(403);
        assertThat(list(seller, "").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/orders").send().status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/orders/" + UUID.randomUUID())
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
    }
}
