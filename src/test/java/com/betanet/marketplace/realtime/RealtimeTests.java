package com.betanet.marketplace.realtime;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.identity.token.TokenProperties;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.realtime.delivery.FailedFrameResubmission;
import com.betanet.marketplace.realtime.delivery.OrderStatusFrame;
import com.betanet.marketplace.realtime.delivery.PaymentFrame;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.PaymentFixtures;
import com.betanet.marketplace.support.PayoutFixtures;
import com.betanet.marketplace.support.StompClient;
import com.betanet.marketplace.support.StompClient.Connection;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.support.AbstractMessageChannel;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** STOMP at {@code /ws} against the running server (in-memory broker): who gets which frame, and who is refused. */
class RealtimeTests extends HttpTest {

    static final String MY_ORDERS = "/user/queue/orders";
    static final String MY_NOTIFICATIONS = "/user/queue/notifications";

    @Autowired
    SimpMessageSendingOperations messaging;

    @Autowired
    FlakyBroker flakyBroker;

    @Autowired
    SimpleBrokerMessageHandler broker;

    @Autowired
    @Qualifier("clientOutboundChannel")
    AbstractMessageChannel clientOutbound;

    @Autowired
    FailedFrameResubmission resubmission;

    @Autowired
    org.springframework.context.ApplicationEventPublisher events;

    @Autowired
    TokenProperties tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    final List<Connection> connections = new ArrayList<>();
    Accounts.Session buyer;
    Accounts.Session seller;
    UUID categoryId;
    UUID item;

    @BeforeEach
    void aSellerAndABuyer() {
        categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
        item = product(api, seller, categoryId, 2_500, 10);
    }

    @AfterEach
    void disconnect() {
        connections.forEach(Connection::close);
    }

    static String orderTopic(UUID orderId) {
        return "/topic/orders." + orderId;
    }

    /** A CONFIRMED (paid, through the payment simulator) order of {@code who} for one unit of {@code item}. */
    static UUID paidOrder(Api api, Accounts.Session who, UUID item) {
        addToCart(api, who, item, 1);
        var checkout = checkedOut(api, who);
        PaymentFixtures.paid(api, who, checkout);
        return UUID.fromString(checkout.get("orders").get(0).get("id").asString());
    }

    static Api.Response setStatus(
            Api api, Accounts.Session who, UUID orderId, String status, @Nullable String trackingNumber) {
        var body = new HashMap<String, Object>();
        body.put("status", status);
        if (trackingNumber != null) {
            body.put("trackingNumber", trackingNumber);
        }
        var response = api.post("/api/v1/orders/" + orderId + "/status")
                .bearer(who.accessToken())
                .json(body)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    static List<JsonNode> about(List<JsonNode> frames, UUID orderId) {
        return frames.stream()
                .filter(frame -> orderId.toString().equals(frame.get("orderId").asString()))
                .toList();
    }

    private Connection connected(Accounts.Session who) {
        var connection = StompClient.connected(port, who.accessToken());
        connections.add(connection);
        return connection;
    }

    private Connection connecting(@Nullable String authorization) {
        var connection = StompClient.connect(port, authorization);
        connections.add(connection);
        return connection;
    }

    private Connection subscribedToMyOrders(Accounts.Session who) {
        return connected(who)
                .subscribe(MY_ORDERS)
                .awaitSubscribed(
                        MY_ORDERS,
                        () -> messaging.convertAndSendToUser(
                                who.id().toString(), "/queue/orders", Map.of("type", StompClient.PROBE)));
    }

    private void awaitNotifications(Connection connection, Accounts.Session who) {
        connection
                .subscribe(MY_NOTIFICATIONS)
                .awaitSubscribed(
                        MY_NOTIFICATIONS,
                        () -> messaging.convertAndSendToUser(
                                who.id().toString(), "/queue/notifications", Map.of("type", StompClient.PROBE)));
    }

    private void awaitTopic(Connection connection, UUID orderId) {
        connection
                .subscribe(orderTopic(orderId))
                .awaitSubscribed(
                        orderTopic(orderId),
                        () -> messaging.convertAndSend(
                                orderTopic(orderId), (Object) Map.of("type", StompClient.PROBE)));
    }

    /**
     * Without the index every frame to a new destination scans every subscription; without the spread heart-beats the
     * broker beats all idle sessions in one burst (bench/realtime/README.md).
     */
    @Test
    void theBrokerFindsSubscribersThroughTheDestinationIndexAndBeatsSessionsOneByOne() {
        assertThat(broker.getSubscriptionRegistry().getClass().getSimpleName())
                .isEqualTo("DestinationIndexedSubscriptions");
        assertThat(clientOutbound.getInterceptors())
                .extracting(interceptor -> interceptor.getClass().getSimpleName())
                .contains("SpreadHeartbeats");
    }

    @Test
    void theBuyerFollowsFulfilmentInOrderOnTheirQueueAndTheOrderTopicAndNobodyElseSeesIt() {
        var orderId = paidOrder(api, buyer, item);
        var otherBuyer = Accounts.buyer(api);
        var otherOrderId = paidOrder(api, otherBuyer, item);
        var buyerSocket = subscribedToMyOrders(buyer);
        awaitTopic(buyerSocket, orderId);
        var sellerSocket = subscribedToMyOrders(seller);
        var otherBuyerSocket = subscribedToMyOrders(otherBuyer);
        assertThat(buyerSocket.connectedHeaders().getHeartbeat())
                .as("the server's heart-beats")
                .containsExactly(10_000, 10_000);

        var expected = List.of("PROCESSING", "SHIPPED", "DELIVERED");
        for (int i = 0; i < expected.size(); i++) {
            var status = expected.get(i);
            setStatus(api, seller, orderId, status, "SHIPPED".equals(status) ? "KE-TRACK-7" : null);
            int received = i + 1;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(buyerSocket.frames(MY_ORDERS)).hasSize(received);
                assertThat(buyerSocket.frames(orderTopic(orderId))).hasSize(received);
            });
        }

        for (var frames : List.of(buyerSocket.frames(MY_ORDERS), buyerSocket.frames(orderTopic(orderId)))) {
            assertThat(frames)
                    .extracting(frame -> frame.get("status").asString())
                    .containsExactlyElementsOf(expected);
            // PENDING_PAYMENT is 1, CONFIRMED 2: the order's timeline positions
            assertThat(frames)
                    .extracting(frame -> frame.get("sequence").asInt())
                    .containsExactly(3, 4, 5);
            assertThat(frames)
                    .extracting(frame -> frame.get("previousStatus").asString())
                    .containsExactly("CONFIRMED", "PROCESSING", "SHIPPED");
            for (var frame : frames) {
                assertThat(frame.get("type").asString()).isEqualTo("ORDER_STATUS_CHANGED");
                assertThat(frame.get("orderId").asString()).isEqualTo(orderId.toString());
                assertThat(frame.get("checkoutId").asString()).isNotBlank();
                assertThat(frame.get("eventId").asString())
                        .isEqualTo(OrderStatusFrame.eventId(
                                        orderId, frame.get("sequence").asInt())
                                .toString());
                assertThat(Instant.parse(frame.get("at").asString())).isBefore(Instant.now());
                assertThat(frame.has("note")).isTrue();
            }
            assertThat(frames.get(1).get("trackingNumber").asString()).isEqualTo("KE-TRACK-7");
            assertThat(frames.get(0).get("trackingNumber").isNull()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(about(sellerSocket.frames(MY_ORDERS), orderId))
                        .extracting(frame -> frame.get("status").asString())
                        .containsExactlyElementsOf(expected));
        // The seller's other buyer was connected all along: their queue got nothing about this order, nor anything
        // else (their own order did not move).
        assertThat(otherBuyerSocket.frames(MY_ORDERS)).isEmpty();
        assertThat(about(sellerSocket.frames(MY_ORDERS), otherOrderId)).isEmpty();
        assertThat(buyerSocket.errors()).isEmpty();
    }

    @Test
    void aPaymentConfirmsTheOrderLiveForBuyerAndSellerAndTellsThePayer() {
        addToCart(api, buyer, item, 1);
        var checkout = checkedOut(api, buyer);
        var checkoutId = UUID.fromString(checkout.get("id").asString());
        var orderId = UUID.fromString(checkout.get("orders").get(0).get("id").asString());
        var buyerSocket = subscribedToMyOrders(buyer);
        awaitNotifications(buyerSocket, buyer);
        var sellerSocket = subscribedToMyOrders(seller);
        awaitNotifications(sellerSocket, seller);

        var payment = PaymentFixtures.pay(api, buyer, checkoutId, PaymentFixtures.PHONE);
        assertThat(payment.status()).as(payment.toString()).isEqualTo(202);
        var paymentId = payment.json().get("id").asString();

        for (var socket : List.of(buyerSocket, sellerSocket)) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(about(socket.frames(MY_ORDERS), orderId))
                            .extracting(frame -> frame.get("status").asString())
                            .containsExactly("CONFIRMED"));
            var confirmed = about(socket.frames(MY_ORDERS), orderId).get(0);
            assertThat(confirmed.get("previousStatus").asString()).isEqualTo("PENDING_PAYMENT");
            assertThat(confirmed.get("sequence").asInt()).isEqualTo(2);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(buyerSocket.frames(MY_NOTIFICATIONS)).hasSize(1));
        var notification = buyerSocket.frames(MY_NOTIFICATIONS).get(0);
        assertThat(notification.get("type").asString()).isEqualTo("PAYMENT_SUCCEEDED");
        assertThat(notification.get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(notification.get("referenceId").asString()).isEqualTo(checkoutId.toString());
        assertThat(notification.get("amount").get("amount").asLong())
                .isEqualTo(checkout.get("total").get("amount").asLong());
        assertThat(notification.get("eventId").asString())
                .isEqualTo(PaymentFrame.eventId("PAYMENT_SUCCEEDED", UUID.fromString(paymentId))
                        .toString());
        assertThat(notification.get("method").asString()).isEqualTo("MPESA");
        // the seller hears of it as the order's CONFIRMED frame, not as a payment notification
        assertThat(sellerSocket.frames(MY_NOTIFICATIONS)).isEmpty();

        // the buyer cancels: the refund, once the provider paid it, is a notification too, with its method
        var cancelled = api.post("/api/v1/orders/" + orderId + "/cancel")
                .bearer(buyer.accessToken())
                .json(Map.of("reason", "changed my mind"))
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(buyerSocket.frames(MY_NOTIFICATIONS)).hasSize(2));
        var refund = buyerSocket.frames(MY_NOTIFICATIONS).get(1);
        assertThat(refund.get("type").asString()).isEqualTo("REFUND_ISSUED");
        assertThat(refund.get("paymentId").asString()).isEqualTo(paymentId);
        assertThat(refund.get("method").asString()).isEqualTo("MPESA");
        assertThat(refund.get("refundId").asString()).isNotBlank();
        assertThat(refund.get("amount").get("amount").asLong())
                .isEqualTo(checkout.get("total").get("amount").asLong());
    }

    @Test
    void payoutsEndInANotificationToTheirOwner() {
        PayoutFixtures.fund(transactions, ledger, seller.id(), 300_000);
        var socket = connected(seller);
        awaitNotifications(socket, seller);

        var paid = PayoutFixtures.pendingPayout(api, seller, 100_000, "0712345678")
                .get("id")
                .asString();
        var failed = PayoutFixtures.pendingPayout(api, seller, 50_000, "0712342040") // the simulator refuses it
                .get("id")
                .asString();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(socket.frames(MY_NOTIFICATIONS)).hasSize(2));
        var byPayout = new HashMap<String, JsonNode>();
        socket.frames(MY_NOTIFICATIONS)
                .forEach(frame -> byPayout.put(frame.get("payoutId").asString(), frame));
        assertThat(byPayout.get(paid).get("type").asString()).isEqualTo("PAYOUT_SUCCEEDED");
        assertThat(byPayout.get(paid).get("amount").get("amount").asLong()).isEqualTo(100_000);
        assertThat(byPayout.get(paid).get("eventId").asString())
                .isEqualTo(PaymentFrame.eventId("PAYOUT_SUCCEEDED", UUID.fromString(paid))
                        .toString());
        assertThat(byPayout.get(failed).get("type").asString()).isEqualTo("PAYOUT_FAILED");
        assertThat(byPayout.get(failed).get("reason").asString()).isNotBlank();
    }

    @Test
    void onlyTheBuyerAndTheSellerMaySubscribeToAnOrdersTopic() {
        var orderId = paidOrder(api, buyer, item);
        var stranger = Accounts.buyer(api);

        var strangerSocket = connected(stranger).subscribe(orderTopic(orderId));

        assertThat(strangerSocket.awaitRefusal()).isEqualTo("forbidden");
        var sellerSocket = connected(seller);
        awaitTopic(sellerSocket, orderId);
        setStatus(api, seller, orderId, "PROCESSING", null);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(sellerSocket.frames(orderTopic(orderId)))
                        .extracting(frame -> frame.get("status").asString())
                        .containsExactly("PROCESSING"));
        assertThat(sellerSocket.isClosed()).isFalse();
        // an unknown order is refused the same way
        assertThat(connected(buyer).subscribe(orderTopic(UUID.randomUUID())).awaitRefusal())
                .isEqualTo("forbidden");
    }

    @Test
    void aSubscriptionAskedForWithAReceiptIsLiveWhenTheReceiptArrives() {
        var orderId = paidOrder(api, buyer, item);
        // no probes here: the RECEIPT alone says the subscriptions are in place, and the very next change is seen
        var buyerSocket = connected(buyer).subscribeConfirmed(MY_ORDERS).subscribeConfirmed(orderTopic(orderId));
        setStatus(api, seller, orderId, "PROCESSING", null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(buyerSocket.frames(MY_ORDERS))
                    .extracting(frame -> frame.get("status").asString())
                    .containsExactly("PROCESSING");
            assertThat(buyerSocket.frames(orderTopic(orderId)))
                    .extracting(frame -> frame.get("status").asString())
                    .containsExactly("PROCESSING");
        });

        // a refused SUBSCRIBE gets its ERROR frame, never a receipt
        var stranger = connected(Accounts.buyer(api));
        var receipt = stranger.subscribeWithReceipt(orderTopic(orderId));
        assertThat(stranger.awaitRefusal()).isEqualTo("forbidden");
        assertThat(receipt.getAsBoolean()).isFalse();
        // the ERROR names the refused frame by its receipt (STOMP 1.2)
        assertThat(stranger.errorFrames().get(0).getFirst("receipt-id")).startsWith("subscribe-");
    }

    @Test
    void connectWithoutATokenOrWithAForgedOneIsRefused() throws Exception {
        assertThat(connecting(null).awaitRefusal()).isEqualTo("unauthorized");
        assertThat(connecting("Bearer not-a-jwt").awaitRefusal()).isEqualTo("unauthorized");
        assertThat(connecting("Basic " + buyer.accessToken()).awaitRefusal()).isEqualTo("unauthorized");
        assertThat(connecting("Bearer " + forgedToken(buyer.id())).awaitRefusal())
                .isEqualTo("unauthorized");
        // the same claims with the real key are accepted: the forged signature was the only fault
        assertThat(connected(buyer).isClosed()).isFalse();
    }

    @Test
    void clientsCanNeitherPublishToBrokerDestinationsNorSubscribeOutsideTheirOwn() {
        var orderId = paidOrder(api, buyer, item);
        for (var destination :
                List.of(orderTopic(orderId), "/queue/orders", "/user/" + seller.id() + "/queue/orders")) {
            var publisher = connected(buyer);
            publisher.send(destination, "{\"type\":\"ORDER_STATUS_CHANGED\"}");
            assertThat(publisher.awaitRefusal()).as("SEND %s", destination).isEqualTo("forbidden");
        }
        for (var destination : List.of(
                "/queue/orders",
                "/topic/orders.*",
                "/topic/orders.#",
                "/topic/simp-user-registry",
                "/topic/unresolved-user-destination",
                "/topic/realtime.sessions-ended",
                "/user/queue/*",
                "/user/" + seller.id() + "/queue/orders",
                "/app/orders")) {
            assertThat(connected(buyer).subscribe(destination).awaitRefusal())
                    .as("SUBSCRIBE %s", destination)
                    .isEqualTo("forbidden");
        }
        // SEND to /app is allowed (nothing handles it yet): the connection stays usable
        var client = connected(buyer);
        client.send("/app/anything", "{}");
        client.subscribe(MY_ORDERS)
                .awaitSubscribed(
                        MY_ORDERS,
                        () -> messaging.convertAndSendToUser(
                                buyer.id().toString(), "/queue/orders", Map.of("type", StompClient.PROBE)));
        assertThat(client.errors()).isEmpty();
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void aSuspendedUsersSessionsAreClosedAndTheirTokenNoLongerConnects() {
        var laptop = subscribedToMyOrders(buyer);
        var phone = connected(buyer);
        var bystander = subscribedToMyOrders(seller);
        var admin = CatalogApiFixtures.admin(api);

        var suspended = api.post("/api/v1/admin/users/" + buyer.id() + "/suspend")
                .bearer(admin.accessToken())
                .send();

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(204);
        assertThat(laptop.awaitRefusal()).isEqualTo("account_suspended");
        assertThat(phone.awaitRefusal()).isEqualTo("account_suspended");
        assertThat(connecting("Bearer " + buyer.accessToken()).awaitRefusal()).isEqualTo("account_suspended");
        assertThat(bystander.isClosed()).isFalse();
        assertThat(bystander.errors()).isEmpty();
    }

    @Test
    void aPasswordChangeEndsTheUsersSessionsAndAFreshConnectionWorks() {
        var laptop = subscribedToMyOrders(buyer);
        var bystander = subscribedToMyOrders(seller);

        var changed = api.post("/api/v1/users/me/password")
                .bearer(buyer.accessToken())
                .json(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "another-horse-battery-staple"))
                .send();

        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(laptop.awaitRefusal()).isEqualTo("session_revoked");
        assertThat(bystander.isClosed()).isFalse();
        assertThat(connected(buyer).isClosed()).isFalse();
    }

    @Test
    void aFrameWhoseSendingFailedIsDeliveredByTheOutboxOnceTheFailureClears() {
        var orderId = paidOrder(api, buyer, item);
        var socket = subscribedToMyOrders(buyer);
        flakyBroker.failNextFrameAbout(orderId);

        setStatus(api, seller, orderId, "PROCESSING", null);

        // The listener failed: its publication stays in the registry, marked failed; nothing reached the buyer.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(failedPublications(orderId)).isEqualTo(1));
        assertThat(socket.frames(MY_ORDERS)).isEmpty();

        resubmission.resubmitFailedFrames();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(socket.frames(MY_ORDERS))
                        .extracting(frame -> frame.get("status").asString())
                        .containsExactly("PROCESSING"));
        assertThat(socket.frames(MY_ORDERS).get(0).get("eventId").asString())
                .isEqualTo(OrderStatusFrame.eventId(orderId, 3).toString());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(incompletePublications(orderId)).isZero());
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aFrameOfAChangeCommittedBeforeTheBrokerIsThereIsSentOnceItIs(CapturedOutput log) {
        var orderId = paidOrder(api, buyer, item);
        var socket = subscribedToMyOrders(buyer);
        // as at start-up, when the outbox hands over outstanding events before the broker has started (or while the
        // relay is disconnected): the broker says it is not available
        events.publishEvent(new BrokerAvailabilityEvent(false, this));
        try {
            setStatus(api, seller, orderId, "PROCESSING", null);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(failedPublications(orderId)).isEqualTo(1));
            resubmission.resubmitFailedFrames(); // refused again: nothing is dropped while it waits
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(failedPublications(orderId)).isEqualTo(1));
            assertThat(socket.frames(MY_ORDERS)).isEmpty();
        } finally {
            events.publishEvent(new BrokerAvailabilityEvent(true, this));
        }

        resubmission.resubmitFailedFrames();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(socket.frames(MY_ORDERS))
                        .extracting(frame -> frame.get("status").asString())
                        .containsExactly("PROCESSING"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(incompletePublications(orderId)).isZero());
        // "not now" is a warning for operators, not an error with a stack trace per refused frame
        assertThat(log.getOut())
                .contains("OrderStatusFrames.on did not send: The message broker is not available")
                .doesNotContain("at com.betanet.marketplace.realtime.stomp.BrokerAvailability.preSend");
    }

    private long failedPublications(UUID orderId) {
        return jdbc.sql("""
                        select count(*) from event_publication
                         where listener_id like '%OrderStatusFrames%' and serialized_event like ?
                           and completion_date is null and status = 'FAILED'""").param("%" + orderId + "%").query(Long.class).single();
    }

    private long incompletePublications(UUID orderId) {
        return jdbc.sql("""
                        select count(*) from event_publication
                         where listener_id like '%OrderStatusFrames%' and serialized_event like ?
                           and completion_date is null""").param("%" + orderId + "%").query(Long.class).single();
    }

    /** A token with the buyer's claims, signed with a key that is not the marketplace's. */
    private String forgedToken(UUID userId) throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("forged").generate();
        var claims = new JWTClaimsSet.Builder()
                .issuer(tokens.issuer())
                .subject(userId.toString())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("roles", List.of("BUYER"))
                .claim("sid", UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
