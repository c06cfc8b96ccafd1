package com.betanet.marketplace.ordering;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ordering.application.OrderService;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.PaymentFixtures;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link OrderStatusChanged} goes through Modulith's event publication registry (the outbox), after commit only. */
class OrderStatusChangedPublicationTests extends HttpTest {

    @Autowired
    OrderService orders;

    @Autowired
    OrderEventRecorder recorder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** Publications of this order's events in the registry, for the test listener, as seen by the current transaction. */
    private List<String> publications(UUID orderId) {
        return jdbc.sql("""
                        select serialized_event from event_publication
                         where event_type = ? and listener_id like '%OrderEventRecorder%'
                           and serialized_event like ?""")
                .params(OrderStatusChanged.class.getName(), "%" + orderId + "%")
                .query(String.class)
                .list();
    }

    @Test
    void aFullLifecycleIsDeliveredInSequenceAfterCommitAndARolledBackTransitionPublishesNothing() {
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        var buyer = Accounts.buyer(api);
        var seller = Accounts.seller(api);
        var item = product(api, seller, categoryId, 1_500, 5);
        addToCart(api, buyer, item, 1);
        var checkout = checkedOut(api, buyer);
        var checkoutId = UUID.fromString(checkout.get("id").asString());
        var orderId = UUID.fromString(checkout.get("orders").get(0).get("id").asString());

        // A cancellation, rolled back: the publication is written in the transaction and vanishes with it.
        var asBuyer = new CurrentUser(buyer.id(), Set.of(Role.BUYER), null);
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            orders.cancel(asBuyer, orderId, "changed my mind");
            assertThat(publications(orderId))
                    .anySatisfy(json -> assertThat(json).contains("\"CANCELLED\""));
            tx.setRollbackOnly();
        });
        assertThat(publications(orderId)).noneMatch(json -> json.contains("\"CANCELLED\""));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder.of(orderId)).hasSize(1));
        assertThat(api.get("/api/v1/orders/" + orderId)
                        .bearer(buyer.accessToken())
                        .send()
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING_PAYMENT");

        PaymentFixtures.paid(api, buyer, checkoutId);
        for (var status : List.of("PROCESSING", "SHIPPED", "DELIVERED")) {
            var body = "SHIPPED".equals(status)
                    ? Map.of("status", status, "trackingNumber", "KE-1")
                    : Map.of("status", status);
            var response = api.post("/api/v1/orders/" + orderId + "/status")
                    .bearer(seller.accessToken())
                    .json(body)
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        var completed = api.post("/api/v1/orders/" + orderId + "/confirm-receipt")
                .bearer(buyer.accessToken())
                .json(Map.of())
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(recorder.of(orderId)).hasSize(6));
        var deliveries = recorder.of(orderId).stream()
                .sorted(Comparator.comparingInt(delivery -> delivery.event().sequence()))
                .toList();
        assertThat(deliveries)
                .extracting(delivery -> delivery.event().sequence())
                .containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(deliveries)
                .extracting(delivery -> delivery.event().status())
                .containsExactly(
                        OrderStatus.PENDING_PAYMENT,
                        OrderStatus.CONFIRMED,
                        OrderStatus.PROCESSING,
                        OrderStatus.SHIPPED,
                        OrderStatus.DELIVERED,
                        OrderStatus.COMPLETED);
        assertThat(deliveries)
                .extracting(delivery -> delivery.event().previousStatus())
                .containsExactly(
                        null,
                        OrderStatus.PENDING_PAYMENT,
                        OrderStatus.CONFIRMED,
                        OrderStatus.PROCESSING,
                        OrderStatus.SHIPPED,
                        OrderStatus.DELIVERED);
        assertThat(deliveries).allSatisfy(delivery -> {
            assertThat(delivery.committedBeforeDelivery()).isTrue();
            assertThat(delivery.event().checkoutId()).isEqualTo(checkoutId);
            assertThat(delivery.event().buyerId()).isEqualTo(buyer.id());
            assertThat(delivery.event().sellerId()).isEqualTo(seller.id());
        });
        assertThat(deliveries.get(3).event().trackingNumber()).isEqualTo("KE-1");
        // Each publication is completed once handled (completed ones are deleted): nothing is left outstanding.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(publications(orderId)).isEmpty());
    }
}
