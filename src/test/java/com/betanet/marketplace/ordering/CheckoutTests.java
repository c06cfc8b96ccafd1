package com.betanet.marketplace.ordering;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.checkout;
import static com.betanet.marketplace.support.OrderingFixtures.checkoutBody;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.OrderingFixtures.stock;
import static com.betanet.marketplace.support.OrderingFixtures.unitsInCart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ordering.application.OrderJobs;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class CheckoutTests extends HttpTest {

    @Autowired
    OrderJobs jobs;

    @Autowired
    JdbcClient jdbc;

    UUID categoryId;

    @BeforeEach
    void category() {
        categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
    }

    @Test
    void aCartOfThreeSellersBecomesThreeOrdersWhoseTotalsAddUp() {
        var buyer = Accounts.buyer(api);
        var a = product(api, Accounts.seller(api), categoryId, 10_000, 5);
        var b = product(api, Accounts.seller(api), categoryId, 2_550, 5);
        var sellerC = Accounts.seller(api);
        var c1 = product(api, sellerC, categoryId, 999, 5);
        var c2 = product(api, sellerC, categoryId, 1, 5);
        addToCart(api, buyer, a, 2);
        addToCart(api, buyer, b, 1);
        addToCart(api, buyer, b, 2); // merges into 3
        addToCart(api, buyer, c1, 1);
        var cart = addToCart(api, buyer, c2, 4);
        long expected = 2 * 10_000 + 3 * 2_550 + 999 + 4;
        assertThat(cart.get("subtotal").get("amount").asLong()).isEqualTo(expected);
        assertThat(cart.get("itemCount").asInt()).isEqualTo(10);

        var body = checkoutBody();
        body.put("expectedTotal", Map.of("amount", expected, "currency", "KES"));
        var response = checkout(api, buyer, UUID.randomUUID().toString(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var checkout = response.json();
        assertThat(checkout.get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(checkout.get("total").get("amount").asLong()).isEqualTo(expected);
        var orders = checkout.get("orders");
        assertThat(orders.size()).isEqualTo(3);
        long sum = 0;
        for (var order : orders) {
            long lines = 0;
            for (var item : order.get("items")) {
                assertThat(item.get("lineTotal").get("amount").asLong())
                        .isEqualTo(item.get("unitPrice").get("amount").asLong()
                                * item.get("quantity").asInt());
                lines += item.get("lineTotal").get("amount").asLong();
            }
            assertThat(order.get("subtotal").get("amount").asLong()).isEqualTo(lines);
            assertThat(order.get("status").asString()).isEqualTo("PENDING_PAYMENT");
            assertThat(order.get("shippingAddress").get("city").asString()).isEqualTo("Nairobi");
            sum += lines;
        }
        assertThat(sum).isEqualTo(expected);
        // stock reserved, cart empty, the buyer can read it, another buyer cannot
        assertThat(stock(api, a)).isEqualTo(3);
        assertThat(stock(api, c2)).isEqualTo(1);
        var emptied = api.get("/api/v1/cart").bearer(buyer.accessToken()).send().json();
        assertThat(emptied.get("items").size()).isZero();
        var id = checkout.get("id").asString();
        assertThat(api.get("/api/v1/checkouts/" + id)
                        .bearer(buyer.accessToken())
                        .send()
                        .json())
                .isEqualTo(checkout);
        var stranger = Accounts.buyer(api);
        assertThat(api.get("/api/v1/checkouts/" + id)
                        .bearer(stranger.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anEmptyCartIs422AndAChangedPriceIs409() {
        var buyer = Accounts.buyer(api);
        var empty = checkout(api, buyer);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.code()).isEqualTo("cart_empty");

        var item = product(api, Accounts.seller(api), categoryId, 5_000, 3);
        addToCart(api, buyer, item, 1);
        var body = checkoutBody();
        body.put("expectedTotal", Map.of("amount", 4_000, "currency", "KES"));
        var changed = checkout(api, buyer, UUID.randomUUID().toString(), body);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.code()).isEqualTo("price_changed");
        // an expected total that cannot be a cart's is bad input, not a change of price
        for (var nonsense : List.of(
                Map.of("amount", -4_000, "currency", "KES"),
                Map.of("amount", 0, "currency", "KES"),
                Map.of("amount", 5_000, "currency", "USD"))) {
            body.put("expectedTotal", nonsense);
            var refused = checkout(api, buyer, UUID.randomUUID().toString(), body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }
        // nothing reserved, the cart is kept
        assertThat(stock(api, item)).isEqualTo(3);
        assertThat(unitsInCart(api, buyer)).isEqualTo(1);
    }

    @Test
    void shortLinesAreEachReportedAndNothingIsReserved() {
        var buyer = Accounts.buyer(api);
        var seller = Accounts.seller(api);
        var plenty = product(api, seller, categoryId, 100, 10);
        var scarce = product(api, seller, categoryId, 100, 2);
        var other = product(api, Accounts.seller(api), categoryId, 100, 1);
        addToCart(api, buyer, plenty, 5);
        addToCart(api, buyer, scarce, 2);
        addToCart(api, buyer, other, 1);
        // someone else takes the scarce units and the other one meanwhile
        var rival = Accounts.buyer(api);
        addToCart(api, rival, scarce, 1);
        addToCart(api, rival, other, 1);
        checkedOut(api, rival);

        var response = checkout(api, buyer);

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("insufficient_stock");
        var errors = response.json().get("errors");
        assertThat(errors.size()).isEqualTo(2);
        for (var error : errors) {
            assertThat(error.get("field").asString()).isEqualTo("items");
            var productId = UUID.fromString(error.get("productId").asString());
            assertThat(productId).isIn(scarce, other);
            assertThat(error.get("available").asInt()).isEqualTo(productId.equals(scarce) ? 1 : 0);
        }
        assertThat(stock(api, plenty)).isEqualTo(10);
        assertThat(stock(api, scarce)).isEqualTo(1);
    }

    @Test
    void fiftyBuyersRacingForFiveUnitsBuyExactlyFive() throws Exception {
        var item = product(api, Accounts.seller(api), categoryId, 700, 5);
        int racers = 50;
        var buyers = new ArrayList<Accounts.Session>();
        {
            var pool = daemons(16);
            var registered = new ArrayList<Future<Accounts.Session>>();
            for (int i = 0; i < racers; i++) {
                registered.add(pool.submit(() -> {
                    var own = api.fromAnotherIp();
                    var buyer = Accounts.buyer(own);
                    addToCart(own, buyer, item, 1);
                    return buyer;
                }));
            }
            for (var future : registered) {
                buyers.add(future.get());
            }
        }
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Api.Response>>();
        {
            var pool = daemons(racers);
            for (var buyer : buyers) {
                results.add(pool.submit(() -> {
                    start.await();
                    return checkout(api, buyer);
                }));
            }
            start.countDown();
            int won = 0;
            int lost = 0;
            for (var result : results) {
                var response = result.get();
                if (response.status() == 201) {
                    won++;
                } else {
                    assertThat(response.status()).as(response.toString()).isEqualTo(409);
                    assertThat(response.code()).isEqualTo("insufficient_stock");
                    lost++;
                }
            }
            assertThat(won).isEqualTo(5);
            assertThat(lost).isEqualTo(45);
        }
        assertThat(stock(api, item)).isZero();
    }

    @Test
    void oneIdempotencyKeyFromTwentyThreadsMakesOneCheckout() throws Exception {
        var buyer = Accounts.buyer(api);
        var item = product(api, Accounts.seller(api), categoryId, 1_000, 10);
        addToCart(api, buyer, item, 2);
        var key = UUID.randomUUID().toString();
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Api.Response>>();
        {
            var pool = daemons(20);
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return checkout(api, buyer, key, checkoutBody());
                }));
            }
            start.countDown();
            var ids = new java.util.HashSet<String>();
            for (var result : results) {
                var response = result.get();
                if (response.status() == 201) {
                    ids.add(response.json().get("id").asString());
                } else {
                    assertThat(response.status()).as(response.toString()).isEqualTo(409);
                    assertThat(response.code()).isEqualTo("idempotency_request_in_progress");
                }
            }
            assertThat(ids).hasSize(1);
        }
        assertThat(stock(api, item)).isEqualTo(8);
        var replay = checkout(api, buyer, key, checkoutBody());
        assertThat(replay.status()).isEqualTo(201);
        var other = checkoutBody();
        other.put("expectedTotal", Map.of("amount", 2_000, "currency", "KES"));
        var reused = checkout(api, buyer, key, other);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency_key_reused");
        var orders =
                api.get("/api/v1/orders").bearer(buyer.accessToken()).send().json();
        assertThat(orders.get("items").size()).isEqualTo(1);
    }

    @Test
    void anExpiredCheckoutReturnsItsStockAndCancelsItsOrders() {
        var buyer = Accounts.buyer(api);
        var item = product(api, Accounts.seller(api), categoryId, 1_000, 4);
        addToCart(api, buyer, item, 3);
        var checkout = checkedOut(api, buyer);
        assertThat(stock(api, item)).isEqualTo(1);

        jobs.expireCheckouts(Instant.now().plus(Duration.ofMinutes(16)));

        assertThat(stock(api, item)).isEqualTo(4);
        var after = api.get("/api/v1/checkouts/" + checkout.get("id").asString())
                .bearer(buyer.accessToken())
                .send()
                .json();
        assertThat(after.get("status").asString()).isEqualTo("EXPIRED");
        JsonNode order = after.get("orders").get(0);
        assertThat(order.get("status").asString()).isEqualTo("CANCELLED");
        var events = api.get("/api/v1/orders/" + order.get("id").asString() + "/events")
                .bearer(buyer.accessToken())
                .send()
                .json();
        assertThat(events.size()).isEqualTo(2);
        assertThat(events.get(1).get("actor").get("role").asString()).isEqualTo("SYSTEM");
        assertThat(events.get(1).get("previousStatus").asString()).isEqualTo("PENDING_PAYMENT");
        // a second run finds nothing left to do
        assertThat(jobs.expireCheckouts(Instant.now().plus(Duration.ofMinutes(16))))
                .isZero();
    }

    @Test
    void aCheckoutPastItsExpiryIsExpiredByTheJobWithinSecondsAndItsUnitsAreBackOnSale() {
        var buyer = Accounts.buyer(api);
        var item = product(api, Accounts.seller(api), categoryId, 1_000, 4);
        addToCart(api, buyer, item, 3);
        var checkoutId = checkedOut(api, buyer).get("id").asString();
        jdbc.sql("update checkouts set expires_at = now() - interval '1 second' where id = ?::uuid")
                .param(checkoutId)
                .update();

        // nobody calls the job: the node's own schedule (every 5 s) finds it
        await().atMost(Duration.ofSeconds(12))
                .until(() -> api.get("/api/v1/checkouts/" + checkoutId)
                        .bearer(buyer.accessToken())
                        .send()
                        .json()
                        .get("status")
                        .asString()
                        .equals("EXPIRED"));
        assertThat(stock(api, item)).isEqualTo(4);
    }

    @Test
    void aBuyerHoldsAtMostThreeOpenCheckouts() {
        var buyer = Accounts.buyer(api);
        var item = product(api, Accounts.seller(api), categoryId, 1_000, 10);
        for (int i = 0; i < 3; i++) {
            addToCart(api, buyer, item, 1);
            checkedOut(api, buyer);
        }
        addToCart(api, buyer, item, 1);
        var fourth = checkout(api, buyer);
        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.code()).isEqualTo("too_many_open_checkouts");
        assertThat(stock(api, item)).isEqualTo(7);
    }

    @Test
    void badCheckoutInputIs400AndStoresNothing() {
        var buyer = Accounts.buyer(api);
        var item = product(api, Accounts.seller(api), categoryId, 1_000, 10);
        addToCart(api, buyer, item, 1);
        var unknownField = checkoutBody();
        unknownField.put("total", 1);
        var noAddress = Map.<String, Object>of();
        var badAddress = checkoutBody();
        ((Map<String, Object>) badAddress.get("shippingAddress")).put("country", "Kenya");
        for (var body : java.util.List.<Object>of(unknownField, noAddress, badAddress, "{\"shippingAddress\":")) {
            var response = checkout(api, buyer, UUID.randomUUID().toString(), body);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        assertThat(api.get("/api/v1/checkouts/not-a-uuid")
                        .bearer(buyer.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(stock(api, item)).isEqualTo(10);
        assertThat(unitsInCart(api, buyer)).isEqualTo(1);
    }

    /** A pool of daemon threads (Java 17: executors are not AutoCloseable); the test JVM never waits for them. */
    private static java.util.concurrent.ExecutorService daemons(int threads) {
        return Executors.newFixedThreadPool(threads, task -> {
            var thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        });
    }
}
