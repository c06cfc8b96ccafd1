package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * A STOMP 1.2 client of {@code /ws} for tests (Spring's {@link WebSocketStompClient} over the JDK's WebSocket
 * container): connects with a bearer token, records every frame per destination as JSON, every ERROR frame and
 * whether the server closed the connection.
 */
public final class StompClient {

    /** Frames of this type are test probes ({@link Connection#awaitSubscribed}), never part of a recorded list. */
    public static final String PROBE = "TEST_PROBE";

    private static final WebSocketStompClient CLIENT = client();

    private StompClient() {}

    private static WebSocketStompClient client() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setDaemon(true);
        scheduler.setThreadNamePrefix("stomp-test-heartbeat-");
        scheduler.initialize();
        var client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setTaskScheduler(scheduler);
        client.setDefaultHeartbeat(new long[] {10_000, 10_000});
        return client;
    }

    /** Connects to the server on {@code port}; {@code authorization} is the CONNECT frame's header, if any. */
    public static Connection connect(int port, @Nullable String authorization) {
        var connection = new Connection();
        var headers = new StompHeaders();
        if (authorization != null) {
            headers.add("Authorization", authorization);
        }
        CLIENT.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), headers, connection.handler);
        return connection;
    }

    /** Connects with {@code accessToken} and waits for the CONNECTED frame. */
    public static Connection connected(int port, String accessToken) {
        var connection = connect(port, "Bearer " + accessToken);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(connection.session)
                        .as("CONNECTED (errors: %s)", connection.errors)
                        .isNotNull());
        return connection;
    }

    public static final class Connection implements AutoCloseable {

        private volatile @Nullable StompSession session;
        private volatile @Nullable StompHeaders connectedHeaders;
        private volatile boolean closed;
        private final List<StompHeaders> errors = new CopyOnWriteArrayList<>();
        private final Map<String, List<JsonNode>> frames = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> probes = new ConcurrentHashMap<>();
        private final Handler handler = new Handler();

        /** Subscribes to {@code destination}, recording its frames. */
        public Connection subscribe(String destination) {
            session().subscribe(destination, recorder(destination));
            return this;
        }

        /**
         * Subscribes to {@code destination} with a {@code receipt} header, recording its frames, and waits for the
         * server's RECEIPT: from then on the subscription is live.
         */
        public Connection subscribeConfirmed(String destination) {
            var confirmed = subscribeWithReceipt(destination);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(confirmed.getAsBoolean())
                            .as("RECEIPT for SUBSCRIBE %s (errors: %s)", destination, errors())
                            .isTrue());
            return this;
        }

        /** Subscribes with a {@code receipt} header without waiting; the result tells whether the RECEIPT came. */
        public java.util.function.BooleanSupplier subscribeWithReceipt(String destination) {
            var headers = new StompHeaders();
            headers.setDestination(destination);
            headers.setReceipt("subscribe-" + java.util.UUID.randomUUID());
            var confirmed = new java.util.concurrent.atomic.AtomicBoolean();
            session().subscribe(headers, recorder(destination)).addReceiptTask(() -> confirmed.set(true));
            return confirmed::get;
        }

        private StompFrameHandler recorder(String destination) {
            var frames = this.frames.computeIfAbsent(destination, d -> new CopyOnWriteArrayList<>());
            var probes = this.probes.computeIfAbsent(destination, d -> new AtomicInteger());
            return new StompFrameHandler() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return byte[].class;
                }

                @Override
                public void handleFrame(StompHeaders headers, @Nullable Object payload) {
                    var json = Api.JSON.readTree(new String((byte[]) payload, StandardCharsets.UTF_8));
                    if (PROBE.equals(json.path("type").asString(""))) {
                        probes.incrementAndGet();
                    } else {
                        frames.add(json);
                    }
                }
            };
        }

        /**
         * Waits until the subscription to {@code destination} is live on the broker (it registers asynchronously after
         * SUBSCRIBE): {@code sendProbe} sends it a frame of type {@link #PROBE}, again and again, until one arrives.
         */
        public Connection awaitSubscribed(String destination, Runnable sendProbe) {
            var probes = this.probes.get(destination);
            if (probes == null) {
                throw new IllegalStateException("Not subscribed to " + destination);
            }
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        sendProbe.run();
                        return probes.get() > 0;
                    });
            return this;
        }

        public void send(String destination, String body) {
            session().send(destination, body.getBytes(StandardCharsets.UTF_8));
        }

        /** The frames received on {@code destination}, in arrival order (probes left out). */
        public List<JsonNode> frames(String destination) {
            return List.copyOf(frames.getOrDefault(destination, List.of()));
        }

        /** The headers of the ERROR frames received. */
        public List<StompHeaders> errorFrames() {
            return List.copyOf(errors);
        }

        /** The {@code message} headers of the ERROR frames received. */
        public List<String> errors() {
            return errors.stream().map(headers -> headers.getFirst("message")).toList();
        }

        public boolean isClosed() {
            return closed;
        }

        public @Nullable StompHeaders connectedHeaders() {
            return connectedHeaders;
        }

        /** Waits until the server sent an ERROR frame and closed the connection; returns the ERROR's message header. */
        public String awaitRefusal() {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(errors()).as("ERROR frames").isNotEmpty();
                assertThat(closed).as("connection closed").isTrue();
            });
            return errors().get(0);
        }

        private StompSession session() {
            var current = session;
            if (current == null) {
                throw new IllegalStateException("Not connected; errors: " + errors());
            }
            return current;
        }

        @Override
        public void close() {
            var current = session;
            if (current != null && current.isConnected()) {
                current.disconnect();
            }
        }

        private final class Handler extends StompSessionHandlerAdapter {

            @Override
            public void afterConnected(StompSession connected, StompHeaders headers) {
                connectedHeaders = headers;
                session = connected;
            }

            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, @Nullable Object payload) {
                errors.add(headers); // frames outside a subscription are ERROR frames
            }

            @Override
            public void handleException(
                    StompSession s, @Nullable StompCommand command, StompHeaders headers, byte[] payload, Throwable e) {
                throw new IllegalStateException("STOMP client failure", e);
            }

            @Override
            public void handleTransportError(StompSession s, Throwable exception) {
                closed = true;
            }
        }
    }
}
