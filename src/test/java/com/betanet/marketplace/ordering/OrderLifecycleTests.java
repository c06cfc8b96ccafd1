package com.betanet.marketplace.ordering;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.OrderingFixtures.stock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.media.TestImages;
import com.betanet.marketplace.ordering.application.OrderJobs;
import com.betanet.marketplace.ordering.application.OrderService;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.PaymentFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

class OrderLifecycleTests extends HttpTest {

    @Autowired
    OrderJobs jobs;

    @Autowired
    OrderService orders;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    Accounts.Session buyer;
    Accounts.Session seller;
    UUID item;

    @BeforeEach
    void anOrder() {
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
        item = product(api, seller, categoryId, 2_500, 10);
    }

    private String placeOrder(int quantity) {
        addToCart(api, buyer, item, quantity);
        return checkedOut(api, buyer).get("orders").get(0).get("id").asString();
    }

    private String paidOrder(int quantity) {
        addToCart(api, buyer, item, quantity);
        var checkout = checkedOut(api, buyer);
        PaymentFixtures.paid(api, buyer, checkout);
        return checkout.get("orders").get(0).get("id").asString();
    }

    private Api.Response status(Accounts.Session who, String orderId, String status, String tracking) {
        var body = new HashMap<String, Object>();
        body.put("status", status);
        if (tracking != null) {
            body.put("trackingNumber", tracking);
        }
        return api.post("/api/v1/orders/" + orderId + "/status")
                .bearer(who.accessToken())
                .json(body)
                .send();
    }

    private Api.Response action(Accounts.Session who, String orderId, String action, Map<String, Object> body) {
        return api.post("/api/v1/orders/" + orderId + "/" + action)
                .bearer(who.accessToken())
                .json(body)
                .send();
    }

    private static void assertInvalid(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("invalid_transition");
    }

    private static void assertForbidden(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("forbidden");
    }

    @Test
    void aPaidOrderGoesThroughFulfilmentToCompletionWithATimeline() {
        var orderId = paidOrder(2);
        // payment turned the reservation into a sale
        assertThat(stock(api, item)).isEqualTo(8);

        assertThat(status(seller, orderId, "PROCESSING", null).status()).isEqualTo(200);
        var shipped = status(seller, orderId, "SHIPPED", "KE-TRACK-1");
        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.json().get("trackingNumber").asString()).isEqualTo("KE-TRACK-1");
        assertThat(status(seller, orderId, "DELIVERED", null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("DELIVERED");
        var completed = action(buyer, orderId, "confirm-receipt", Map.of());
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");

        var events = api.get("/api/v1/orders/" + orderId + "/events")
                .bearer(seller.accessToken())
                .send()
                .json();
        var statuses = new java.util.ArrayList<String>();
        for (JsonNode event : events) {
            statuses.add(event.get("status").asString());
            assertThat(event.get("sequence").asInt()).isEqualTo(statuses.size());
        }
        assertThat(statuses)
                .containsExactly("PENDING_PAYMENT", "CONFIRMED", "PROCESSING", "SHIPPED", "DELIVERED", "COMPLETED");
        assertThat(events.get(3).get("trackingNumber").asString()).isEqualTo("KE-TRACK-1");
        assertThat(events.get(3).get("actor").get("role").asString()).isEqualTo("SELLER");
        assertThat(events.get(3).get("actor").get("username").asString()).isEqualTo(seller.username());
        assertThat(events.get(5).get("actor").get("role").asString()).isEqualTo("BUYER");
        assertThat(stock(api, item)).isEqualTo(8);
    }

    @Test
    void everyInvalidTransitionIs409AndTheWrongPartyIs403() {
        var unpaid = placeOrder(1);
        // unpaid: nothing can be fulfilled yet
        assertInvalid(status(seller, unpaid, "PROCESSING", null));
        assertInvalid(status(seller, unpaid, "SHIPPED", null));
        assertInvalid(status(seller, unpaid, "DELIVERED", null));
        assertInvalid(action(buyer, unpaid, "confirm-receipt", Map.of()));
        assertInvalid(action(buyer, unpaid, "dispute", Map.of("reason", "never came")));

        var paid = paidOrder(1);
        assertInvalid(status(seller, paid, "DELIVERED", null));
        assertInvalid(action(buyer, paid, "confirm-receipt", Map.of()));
        // buyers cannot set seller statuses, sellers cannot confirm receipt or dispute
        assertForbidden(status(buyer, paid, "PROCESSING", null));
        assertThat(status(seller, paid, "SHIPPED", null).status()).isEqualTo(200);
        assertForbidden(status(buyer, paid, "DELIVERED", null));
        assertForbidden(action(seller, paid, "confirm-receipt", Map.of()));
        assertForbidden(action(seller, paid, "dispute", Map.of("reason", "x")));
        assertInvalid(status(seller, paid, "PROCESSING", null));
        assertInvalid(action(buyer, paid, "cancel", Map.of("reason", "changed my mind")));
        assertInvalid(action(seller, paid, "cancel", Map.of("reason", "changed my mind")));
        var disputed = action(buyer, paid, "dispute", Map.of("reason", "Box was empty"));
        assertThat(disputed.json().get("status").asString()).isEqualTo("DISPUTED");
        // DISPUTED → COMPLETED exists, but it is the admin's move
        assertForbidden(action(buyer, paid, "confirm-receipt", Map.of()));
        assertInvalid(status(seller, paid, "DELIVERED", null));
        assertInvalid(action(buyer, paid, "cancel", Map.of("reason", "changed my mind")));
        // a status the endpoint does not offer is bad input
        var completedBySeller = status(seller, paid, "COMPLETED", null);
        assertThat(completedBySeller.status()).isEqualTo(400);
    }

    @Test
    void aCancellationSaysWhyAndConfirmingReceiptTakesNoFields() {
        var paid = paidOrder(1);
        for (var reasonless : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("reason", "   "))) {
            var refused = action(buyer, paid, "cancel", reasonless);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        assertThat(order(buyer, paid).get("status").asString()).isEqualTo("CONFIRMED");

        assertThat(status(seller, paid, "SHIPPED", null).status()).isEqualTo(200);
        var withAField = action(buyer, paid, "confirm-receipt", Map.of("rating", 5));
        assertThat(withAField.status()).as(withAField.toString()).isEqualTo(400);
        assertThat(withAField.code()).isEqualTo("validation_failed");
        var malformed = api.post("/api/v1/orders/" + paid + "/confirm-receipt")
                .bearer(buyer.accessToken())
                .body("application/json", "{oops".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .send();
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(order(buyer, paid).get("status").asString()).isEqualTo("SHIPPED");
        // no body at all is fine, as is {}
        var confirmed = api.post("/api/v1/orders/" + paid + "/confirm-receipt")
                .bearer(buyer.accessToken())
                .send();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("COMPLETED");
    }

    /**
     * A change that waited for the order's lock while another change committed gets the next timeline position, not
     * the one the other just took (a locking read with its timeline in one statement used its old snapshot: 500).
     */
    @Test
    void aChangeThatWaitedForAnotherGetsTheNextTimelinePosition() {
        var orderId = paidOrder(1);
        var sellerUser = new CurrentUser(seller.id(), Set.of(Role.BUYER, Role.SELLER), null);
        var shipped = transactions.execute(tx -> {
            orders.fulfil(sellerUser, UUID.fromString(orderId), OrderStatus.PROCESSING, null, null);
            var waiting = CompletableFuture.supplyAsync(() -> status(seller, orderId, "SHIPPED", "TRACK-RACE-1"));
            // pg_locks is live (unlike pg_stat_activity inside a transaction): the request waits for our row lock
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("select count(*) from pg_locks where not granted")
                                    .query(Long.class)
                                    .single()
                            > 0);
            return waiting;
        });
        var response = shipped.join();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("SHIPPED");
        var timeline = api.get("/api/v1/orders/" + orderId + "/events")
                .bearer(buyer.accessToken())
                .send()
                .json();
        var statuses = new java.util.ArrayList<String>();
        for (JsonNode event : timeline) {
            statuses.add(event.get("status").asString());
            assertThat(event.get("sequence").asInt()).isEqualTo(statuses.size());
        }
        assertThat(statuses).containsExactly("PENDING_PAYMENT", "CONFIRMED", "PROCESSING", "SHIPPED");
    }

    @Test
    void cancellingRestoresStockWhetherPaidOrNot() {
        var unpaid = placeOrder(3);
        assertThat(stock(api, item)).isEqualTo(7);
        var cancelled = action(buyer, unpaid, "cancel", Map.of("reason", "changed my mind"));
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(stock(api, item)).isEqualTo(10);
        var checkout = api.get("/api/v1/checkouts/"
                        + cancelled.json().get("checkoutId").asString())
                .bearer(buyer.accessToken())
                .send()
                .json();
        assertThat(checkout.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(checkout.get("total").get("amount").asLong()).isZero();

        var paid = paidOrder(4);
        assertThat(stock(api, item)).isEqualTo(6);
        assertThat(status(seller, paid, "PROCESSING", null).status()).isEqualTo(200);
        assertThat(action(seller, paid, "cancel", Map.of("reason", "cannot deliver"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CANCELLED");
        assertThat(stock(api, item)).isEqualTo(10);
        assertInvalid(action(buyer, paid, "cancel", Map.of("reason", "changed my mind")));
    }

    @Test
    void deliveredOrdersCompleteByThemselvesAfterTheConfiguredTime() {
        var orderId = paidOrder(1);
        status(seller, orderId, "SHIPPED", null);
        status(seller, orderId, "DELIVERED", null);
        jobs.autoComplete(Instant.now().plus(Duration.ofDays(6)));
        assertThat(order(buyer, orderId).get("status").asString()).isEqualTo("DELIVERED");
        jobs.autoComplete(Instant.now().plus(Duration.ofDays(7)).plusSeconds(5));
        assertThat(order(buyer, orderId).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void ordersAreSeenOnlyByTheirBuyerAndSeller() {
        var orderId = placeOrder(1);
        var otherBuyer = Accounts.buyer(api);
        var otherSeller = Accounts.seller(api);
        for (var stranger : java.util.List.of(otherBuyer, otherSeller)) {
            for (var path : java.util.List.of("", "/events")) {
                var response = api.get("/api/v1/orders/" + orderId + path)
                        .bearer(stranger.accessToken())
                        .send();
                assertThat(response.status()).as(response.toString()).isEqualTo(404);
            }
            assertThat(status(stranger, orderId, "PROCESSING", null).status()).isEqualTo(404);
            assertThat(action(stranger, orderId, "cancel", Map.of("reason", "changed my mind"))
                            .status())
                    .isEqualTo(404);
        }
        assertThat(order(seller, orderId).get("id").asString()).isEqualTo(orderId);
        var sellerList = api.get("/api/v1/seller/orders")
                .bearer(seller.accessToken())
                .send()
                .json();
        assertThat(sellerList.get("items").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/seller/orders")
                        .bearer(otherSeller.accessToken())
                        .send()
                        .json()
                        .get("items")
                        .size())
                .isZero();
        assertThat(api.get("/api/v1/seller/orders")
                        .bearer(buyer.accessToken())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/orders")
                        .bearer(otherBuyer.accessToken())
                        .send()
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void theBuyerIsAUserSummaryAndTheSellerAShopFaceOnEveryView() {
        var avatar = api.put("/api/v1/users/me/avatar")
                .bearer(buyer.accessToken())
                .multipart("file", "me.jpg", "image/jpeg", TestImages.jpeg(120, 120))
                .send();
        assertThat(avatar.status()).as(avatar.toString()).isEqualTo(200);
        var avatarUrl = avatar.json().get("avatarUrl").asString();
        addToCart(api, buyer, item, 1);
        var checkout = checkedOut(api, buyer);
        var orderId = checkout.get("orders").get(0).get("id").asString();

        var views = new java.util.ArrayList<JsonNode>();
        views.add(checkout.get("orders").get(0));
        views.add(api.get("/api/v1/orders/" + orderId)
                .bearer(buyer.accessToken())
                .send()
                .json());
        views.add(api.get("/api/v1/orders")
                .bearer(buyer.accessToken())
                .send()
                .json()
                .get("items")
                .get(0));
        views.add(api.get("/api/v1/seller/orders")
                .bearer(seller.accessToken())
                .send()
                .json()
                .get("items")
                .get(0));
        for (var order : views) {
            assertThat(order.get("id").asString()).isEqualTo(orderId);
            UserSummaryAssertions.assertSummary(order.get("buyer"), buyer, avatarUrl);
            var sellerNames = new java.util.HashSet<String>();
            order.get("seller").propertyNames().forEach(sellerNames::add);
            assertThat(sellerNames).containsExactlyInAnyOrder("id", "username", "shopName");
            assertThat(order.get("seller").get("username").asString()).isEqualTo(seller.username());
        }
    }

    @Test
    void buyerListsAreNewestFirstFilteredAndPagedByCursor() {
        var first = placeOrder(1);
        var second = paidOrder(1);
        var third = placeOrder(1);
        var page1 = api.get("/api/v1/orders?limit=2")
                .bearer(buyer.accessToken())
                .send()
                .json();
        assertThat(page1.get("items").get(0).get("id").asString()).isEqualTo(third);
        assertThat(page1.get("items").get(1).get("id").asString()).isEqualTo(second);
        var page2 = api.get("/api/v1/orders?limit=2&cursor="
                        + page1.get("nextCursor").asString())
                .bearer(buyer.accessToken())
                .send()
                .json();
        assertThat(page2.get("items").size()).isEqualTo(1);
        assertThat(page2.get("items").get(0).get("id").asString()).isEqualTo(first);
        assertThat(page2.get("nextCursor").isNull()).isTrue();
        var confirmed = api.get("/api/v1/orders?status=CONFIRMED")
                .bearer(buyer.accessToken())
                .send()
                .json();
        assertThat(confirmed.get("items").size()).isEqualTo(1);
        assertThat(confirmed.get("items").get(0).get("id").asString()).isEqualTo(second);
        assertThat(api.get("/api/v1/orders?status=NOPE")
                        .bearer(buyer.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/orders?cursor=forged")
                        .bearer(buyer.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        // a cursor continues only its own list: not another filter's, not another buyer's
        var cursor = page1.get("nextCursor").asString();
        var otherFilter = api.get("/api/v1/orders?status=CONFIRMED&limit=2&cursor=" + cursor)
                .bearer(buyer.accessToken())
                .send();
        assertThat(otherFilter.status()).as(otherFilter.toString()).isEqualTo(400);
        assertThat(otherFilter.code()).isEqualTo("validation_failed");
        var otherBuyer = api.get("/api/v1/orders?limit=2&cursor=" + cursor)
                .bearer(Accounts.buyer(api).accessToken())
                .send();
        assertThat(otherBuyer.status()).as(otherBuyer.toString()).isEqualTo(400);
    }

    private JsonNode order(Accounts.Session who, String orderId) {
        var response =
                api.get("/api/v1/orders/" + orderId).bearer(who.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
