package com.betanet.marketplace.realtime;

import static com.betanet.marketplace.realtime.RealtimeTests.MY_ORDERS;
import static com.betanet.marketplace.realtime.RealtimeTests.orderTopic;
import static com.betanet.marketplace.realtime.RealtimeTests.paidOrder;
import static com.betanet.marketplace.realtime.RealtimeTests.setStatus;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.betanet.marketplace.MarketplaceApplication;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.StompClient;
import com.betanet.marketplace.support.StompClient.Connection;
import com.betanet.marketplace.support.TestMailServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.SimpMessageSendingOperations;

/**
 * Two server nodes, one PostgreSQL, one RabbitMQ (the STOMP plugin on 127.0.0.1:61613, which {@code .ci/run}
 * starts): a frame caused by a request on node B reaches a client connected to node A. Node A starts the embedded
 * PostgreSQL; node B is pointed at it through {@code spring.datasource.url}, as a second machine would be.
 */
class TwoNodeRealtimeTests {

    private static final String RELAY_HOST = "127.0.0.1";
    private static final int RELAY_PORT = 61613;

    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    final List<Connection> connections = new ArrayList<>();

    @BeforeAll
    static void twoNodesOnOneBroker() {
        if (!listening(RELAY_HOST, RELAY_PORT)) {
            if (System.getenv("CI") != null) {
                fail("RabbitMQ's STOMP plugin must listen on 127.0.0.1:61613 in CI (.ci/run starts it)");
            }
            assumeTrue(
                    false,
                    "No RabbitMQ STOMP on 127.0.0.1:61613: run `rabbitmq-plugins enable rabbitmq_stomp` and start "
                            + "rabbitmq-server to run the two-node test");
        }
        nodeA = node();
        var database = nodeA.getBean(EmbeddedPostgres.class).getJdbcUrl("postgres", "postgres");
        nodeB = node("spring.datasource.url=" + database, "spring.datasource.username=postgres");
    }

    @AfterAll
    static void stopNodes() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @AfterEach
    void disconnect() {
        connections.forEach(Connection::close);
    }

    private static ConfigurableApplicationContext node(String... properties) {
        var settings = new ArrayList<>(List.of(
                "server.port=0",
                "logging.level.org.springframework.messaging.simp.stomp=debug",
                "logging.level.com.betanet.marketplace.realtime=debug",
                "marketplace.realtime.relay.host=" + RELAY_HOST,
                "marketplace.realtime.relay.port=" + RELAY_PORT));
        settings.addAll(List.of(properties));
        // as command-line arguments, which win over application.yml (builder properties are only defaults)
        return new SpringApplicationBuilder(MarketplaceApplication.class)
                .profiles("test")
                .initializers(new TestMailServer())
                .run(settings.stream().map(setting -> "--" + setting).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    private static boolean listening(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    @Test
    void aBuyerOnNodeASeesTheStatusTheSellerSetOnNodeB() {
        var onA = new Api(port(nodeA));
        var onB = new Api(port(nodeB));
        var categoryId = CatalogApiFixtures.categoryId(onA, CatalogApiFixtures.admin(onA));
        var buyer = Accounts.buyer(onA);
        var seller = Accounts.seller(onA);
        var item = product(onA, seller, categoryId, 1_200, 5);
        var orderId = paidOrder(onA, buyer, item);
        var fromB = nodeB.getBean(SimpMessageSendingOperations.class);

        var buyerOnA = StompClient.connected(port(nodeA), buyer.accessToken());
        connections.add(buyerOnA);
        buyerOnA.subscribe(MY_ORDERS)
                .subscribe(orderTopic(orderId))
                .awaitSubscribed(
                        MY_ORDERS,
                        () -> fromB.convertAndSendToUser(
                                buyer.id().toString(), "/queue/orders", Map.of("type", StompClient.PROBE)))
                .awaitSubscribed(
                        orderTopic(orderId),
                        () -> fromB.convertAndSend(orderTopic(orderId), (Object) Map.of("type", StompClient.PROBE)));

        setStatus(onB, seller, orderId, "PROCESSING", null);
        setStatus(onB, seller, orderId, "SHIPPED", "KE-TWO-NODES");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (var destination : List.of(MY_ORDERS, orderTopic(orderId))) {
                assertThat(buyerOnA.frames(destination))
                        .as(destination)
                        .extracting(frame -> frame.get("sequence").asInt() + " "
                                + frame.get("status").asString())
                        .containsExactlyInAnyOrder("3 PROCESSING", "4 SHIPPED");
            }
        });
        assertThat(buyerOnA.frames(MY_ORDERS))
                .filteredOn(frame -> "SHIPPED".equals(frame.get("status").asString()))
                .singleElement()
                .satisfies(frame ->
                        assertThat(frame.get("trackingNumber").asString()).isEqualTo("KE-TWO-NODES"));
    }

    @Test
    void everyConnectionOfAUserGetsTheirFramesAtOnceWhicheverNodeEachIsOn() {
        var onA = new Api(port(nodeA));
        var onB = new Api(port(nodeB));
        var categoryId = CatalogApiFixtures.categoryId(onA, CatalogApiFixtures.admin(onA));
        var buyer = Accounts.buyer(onA);
        var seller = Accounts.seller(onA);
        var orderId = paidOrder(onA, buyer, product(onA, seller, categoryId, 1_200, 5));

        // a phone on node A, then a laptop on node B: the moment the laptop's RECEIPT arrives, it is in
        var phone = StompClient.connected(port(nodeA), buyer.accessToken()).subscribeConfirmed(MY_ORDERS);
        connections.add(phone);
        var laptop = StompClient.connected(port(nodeB), buyer.accessToken()).subscribeConfirmed(MY_ORDERS);
        connections.add(laptop);

        // caused on node A, which has only heard of the phone so far (the nodes share who is connected every few
        // seconds): the laptop on B must get it all the same, and as fast
        setStatus(onA, seller, orderId, "PROCESSING", null);
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            for (var connection : List.of(phone, laptop)) {
                assertThat(connection.frames(MY_ORDERS))
                        .extracting(frame -> frame.get("status").asString())
                        .containsExactly("PROCESSING");
            }
        });

        // the phone reconnects on node B: the old session is gone, the new one gets the next frame at once
        phone.close();
        var phoneAgain = StompClient.connected(port(nodeB), buyer.accessToken()).subscribeConfirmed(MY_ORDERS);
        connections.add(phoneAgain);
        setStatus(onA, seller, orderId, "SHIPPED", "KE-RECONNECT");
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(phoneAgain.frames(MY_ORDERS))
                    .extracting(frame -> frame.get("status").asString())
                    .containsExactly("SHIPPED");
            assertThat(laptop.frames(MY_ORDERS))
                    .extracting(frame -> frame.get("status").asString())
                    .containsExactly("PROCESSING", "SHIPPED");
        });
    }

    @Test
    void suspendingAUserOnNodeBEndsTheirSessionOnNodeA() {
        var onA = new Api(port(nodeA));
        var onB = new Api(port(nodeB));
        var member = Accounts.buyer(onA);
        var memberOnA = StompClient.connected(port(nodeA), member.accessToken());
        connections.add(memberOnA);
        // node A has just checked the account: it remembers it as active
        assertThat(onA.get("/api/v1/users/me")
                        .bearer(member.accessToken())
                        .send()
                        .status())
                .isEqualTo(200);

        var suspended = onB.post("/api/v1/admin/users/" + member.id() + "/suspend")
                .bearer(CatalogApiFixtures.admin(onB).accessToken())
                .send();

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(204);
        assertThat(memberOnA.awaitRefusal()).isEqualTo("account_suspended");
        // ... and, having heard of the suspension, node A refuses the still unexpired token at once, on a new
        // connection as on HTTP, instead of when its memory of the account runs out
        var again = StompClient.connect(port(nodeA), "Bearer " + member.accessToken());
        connections.add(again);
        assertThat(again.awaitRefusal()).isEqualTo("account_suspended");
        var request = onA.get("/api/v1/users/me").bearer(member.accessToken()).send();
        assertThat(request.status()).as(request.toString()).isEqualTo(403);
        assertThat(request.code()).isEqualTo("account_suspended");
    }
}
