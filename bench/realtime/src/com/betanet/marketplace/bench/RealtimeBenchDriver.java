package com.betanet.marketplace.bench;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.ordering.application.OrderService;
import com.betanet.marketplace.realtime.delivery.OrderStatusFrame;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.security.Role;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bench-only load source of bench/run-realtime-bench.sh, compiled from bench/ onto the server's classpath and active
 * only in the {@code bench} profile; it is not part of the application. It listens on a loopback-only control port
 * (a JDK HTTP server, outside Spring Security and the API) and, on request:
 *
 * <ul>
 *   <li>{@code POST /orders?rate=R&orders=N&buyers=PREFIX}: moves N CONFIRMED orders (of buyers whose e-mail starts
 *       with PREFIX) through PROCESSING, SHIPPED, DELIVERED (three
 *       rounds, each a fresh random order of the N orders) at R changes per second, open loop. Every change is the
 *       sellers' real {@link OrderService#fulfil} in its own transaction, so the {@code OrderStatusChanged} goes
 *       through the outbox to the realtime listener exactly as an HTTP request's would. The reply lists, per change,
 *       the order, the new status and the wall-clock time (µs) at which its transaction had committed.
 *   <li>{@code POST /fanout?order=ID&rate=R&seconds=S}: sends R frames per second to {@code /topic/orders.ID}
 *       through the application's messaging template (the broker path the listener uses), each stamped with its send
 *       time in {@code at}.
 * </ul>
 */
@Component
@Profile("bench")
class RealtimeBenchDriver {

    private static final Set<Role> SELLER = Set.of(Role.BUYER, Role.SELLER);
    private static final OrderStatus[] STEPS = {OrderStatus.PROCESSING, OrderStatus.SHIPPED, OrderStatus.DELIVERED};

    private final OrderService orders;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final SimpMessageSendingOperations messaging;
    private final int port;
    private final int workers;

    RealtimeBenchDriver(
            OrderService orders,
            TransactionTemplate transactions,
            JdbcClient jdbc,
            SimpMessageSendingOperations messaging,
            @Value("${bench.control-port}") int port,
            @Value("${bench.workers:16}") int workers) {
        this.orders = orders;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.messaging = messaging;
        this.port = port;
        this.workers = workers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/orders", exchange -> reply(exchange, () -> statusChanges(query(exchange))));
        server.createContext("/fanout", exchange -> reply(exchange, () -> fanOut(query(exchange))));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
    }

    record Order(UUID id, UUID sellerId) {}

    record Change(Order order, OrderStatus target) {}

    private String statusChanges(Map<String, String> query) throws InterruptedException {
        int rate = Integer.parseInt(query.getOrDefault("rate", "1000"));
        int limit = Integer.parseInt(query.getOrDefault("orders", "10000"));
        var confirmed = jdbc.sql("""
                        select o.id, o.seller_id from orders o join users u on u.id = o.buyer_id
                         where o.status = 'CONFIRMED' and u.email like ? order by o.id limit ?""")
                .params(query.getOrDefault("buyers", "bench-buyer-") + "%", limit)
                .query((rs, n) -> new Order(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list();
        var random = new Random(42);
        var plan = new ArrayList<Change>();
        for (var step : STEPS) {
            var round = new ArrayList<>(confirmed);
            Collections.shuffle(round, random);
            // the first orders of a round must not be the last ones of the previous round (still in flight)
            if (!plan.isEmpty()) {
                var tail = plan.subList(Math.max(0, plan.size() - 100), plan.size()).stream()
                        .map(change -> change.order().id())
                        .collect(java.util.stream.Collectors.toSet());
                round.sort((a, b) -> Boolean.compare(tail.contains(a.id()), tail.contains(b.id())));
            }
            round.forEach(order -> plan.add(new Change(order, step)));
        }
        var commits = new ConcurrentLinkedQueue<String>();
        var failures = new ConcurrentLinkedQueue<String>();
        var late = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < plan.size(); i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -5_000_000) {
                late.incrementAndGet(); // the driver itself fell behind by more than 5 ms
            }
            var change = plan.get(i);
            pool.execute(() -> {
                try {
                    commits.add(change(change));
                } catch (RuntimeException e) {
                    failures.add(change.order().id() + " " + change.target() + ": " + e);
                }
            });
        }
        long scheduledNanos = System.nanoTime() - start;
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.MINUTES);
        long elapsedNanos = System.nanoTime() - start;
        var json = new StringBuilder();
        json.append("{\"planned\":").append(plan.size())
                .append(",\"committed\":").append(commits.size())
                .append(",\"failed\":").append(failures.size())
                .append(",\"lateStarts\":").append(late.get())
                .append(",\"scheduledMs\":").append(scheduledNanos / 1_000_000)
                .append(",\"elapsedMs\":").append(elapsedNanos / 1_000_000)
                .append(",\"firstFailures\":[");
        failures.stream().limit(5).forEach(f -> json.append('"').append(f.replace("\"", "'")).append("\","));
        if (json.charAt(json.length() - 1) == ',') {
            json.setLength(json.length() - 1);
        }
        json.append("],\"commits\":[");
        String separator = "";
        for (var commit : commits) {
            json.append(separator).append(commit);
            separator = ",";
        }
        return json.append("]}").toString();
    }

    /** One status change in its own transaction; returns {@code ["orderId","STATUS",commitMicros]}. */
    private String change(Change change) {
        long[] committedAt = new long[1];
        transactions.executeWithoutResult(status -> {
            // registered before the change publishes its event, so it runs before the listener is dispatched
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committedAt[0] = micros(Instant.now());
                }
            });
            var seller = new CurrentUser(change.order().sellerId(), SELLER, null);
            String tracking = change.target() == OrderStatus.SHIPPED ? "BENCH-" + change.order().id() : null;
            orders.fulfil(seller, change.order().id(), change.target(), tracking, null);
        });
        return "[\"" + change.order().id() + "\",\"" + change.target() + "\"," + committedAt[0] + "]";
    }

    private String fanOut(Map<String, String> query) {
        var orderId = UUID.fromString(query.get("order"));
        int rate = Integer.parseInt(query.getOrDefault("rate", "10"));
        int seconds = Integer.parseInt(query.getOrDefault("seconds", "30"));
        var checkoutId = UUID.randomUUID();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        int count = rate * seconds;
        for (int i = 0; i < count; i++) {
            long wait = start + i * intervalNanos - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            var frame = new OrderStatusFrame(
                    OrderStatusFrame.TYPE,
                    OrderStatusFrame.eventId(orderId, 1000 + i),
                    orderId,
                    checkoutId,
                    1000 + i,
                    OrderStatus.SHIPPED,
                    OrderStatus.PROCESSING,
                    "BENCH-TRACKING-0000000000",
                    "fan-out frame " + i,
                    Instant.now());
            messaging.convertAndSend("/topic/orders." + orderId, frame);
        }
        return "{\"sent\":" + count + ",\"elapsedMs\":" + (System.nanoTime() - start) / 1_000_000 + "}";
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    interface Body {
        String get() throws Exception;
    }

    private static void reply(HttpExchange exchange, Body body) throws IOException {
        byte[] bytes;
        int status = 200;
        try {
            bytes = body.get().getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            status = 500;
            bytes = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        var map = new HashMap<String, String>();
        var raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (var pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return map;
    }
}
