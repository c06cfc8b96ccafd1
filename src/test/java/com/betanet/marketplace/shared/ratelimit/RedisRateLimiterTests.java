package com.betanet.marketplace.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Limits shared through Redis, as two nodes would share them: two independent {@link RateLimiter}s (two Lettuce
 * connections, two Bucket4j proxy managers) against the Redis on 127.0.0.1:6379 that {@code .ci/run} starts.
 */
class RedisRateLimiterTests {

    private static final String REDIS = "redis://127.0.0.1:6379";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void requireRedis() {
        if (!listening(6379)) {
            if (System.getenv("CI") != null) {
                fail("Redis must listen on 127.0.0.1:6379 in CI (.ci/run starts it)");
            }
            assumeTrue(false, "No Redis on 127.0.0.1:6379; start one (redis-server) to run these tests");
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (var closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void twoNodesEnforceOneSharedLimit() {
        var nodeA = node(REDIS);
        var nodeB = node(REDIS);
        var limit = RateLimit.of("shared-test", 5, Duration.ofMinutes(1));
        var key = "client-" + UUID.randomUUID();

        var allowed = 0;
        for (int i = 0; i < 10; i++) {
            var node = i % 2 == 0 ? nodeA : nodeB;
            if (node.tryAcquire(limit, key).allowed()) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(5);
        var refusedOnA = nodeA.tryAcquire(limit, key);
        var refusedOnB = nodeB.check(limit, key);
        assertThat(refusedOnA.allowed()).isFalse();
        assertThat(refusedOnB.allowed()).isFalse();
        assertThat(refusedOnB.retryAfterSeconds()).isBetween(1L, 60L);
        assertThat(nodeA.isShared()).isTrue();
    }

    @Test
    void theApplicationSharesItsLimitsThroughRedisWhenAUrlIsConfigured() {
        var configuration = new RateLimiterConfiguration();
        try (var withRedis = configuration.rateLimiter(" " + REDIS + " ");
                var withoutRedis = configuration.rateLimiter("")) {
            assertThat(withRedis.isShared()).isTrue();
            assertThat(withoutRedis.isShared()).isFalse();
            var limit = RateLimit.of("configured", 1, Duration.ofMinutes(1));
            var key = "client-" + UUID.randomUUID();
            assertThat(withRedis.tryAcquire(limit, key).allowed()).isTrue();
            assertThat(node(REDIS).tryAcquire(limit, key).allowed())
                    .as("the configured limiter counts in the shared Redis")
                    .isFalse();
        }
    }

    @Test
    void concurrentRequestsOnTwoNodesNeverExceedTheSharedLimit() throws Exception {
        var nodes = List.of(node(REDIS), node(REDIS));
        var limit = RateLimit.of("shared-concurrent", 20, Duration.ofMinutes(1));
        var key = "client-" + UUID.randomUUID();
        var start = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<Integer>>();
        for (int thread = 0; thread < 8; thread++) {
            var node = nodes.get(thread % 2);
            tasks.add(() -> {
                start.await();
                int granted = 0;
                for (int i = 0; i < 10; i++) {
                    if (node.tryAcquire(limit, key).allowed()) {
                        granted++;
                    }
                }
                return granted;
            });
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            var futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            int total = 0;
            for (var future : futures) {
                total += future.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storesHashedKeysThatExpire() {
        var node = node(REDIS);
        var email = "someone-" + UUID.randomUUID() + "@example.com";
        var limit = RateLimit.of("shared-expiry", 3, Duration.ofMinutes(1));
        node.tryAcquire(limit, email);

        var client = RedisClient.create(REDIS);
        try (var connection = client.connect()) {
            var redis = connection.sync();
            var keys = redis.keys("betanet:ratelimit:shared-expiry:*");
            assertThat(keys).isNotEmpty().noneMatch(stored -> stored.contains("someone"));
            var stored = "betanet:ratelimit:" + limit.storageName() + ":" + RateLimiter.hash(email);
            assertThat(keys).contains(stored);
            assertThat(redis.pttl(stored)).as("a bucket key must expire").isPositive();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void failsOpenWhenRedisIsUnreachable() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var node = node("redis://127.0.0.1:" + closedPort);
        var limit = RateLimit.of("unreachable", 1, Duration.ofMinutes(1));

        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(node.tryAcquire(limit, "k").allowed()).isTrue();
            assertThat(node.check(limit, "k").allowed()).isTrue();
        }
        node.forget(limit, "k");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("after one failed connection attempt, requests must not wait for Redis")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void failsOpenWhileRedisIsDownAndEnforcesAgainWhenItIsBack() throws Exception {
        assumeTrue(onPath("redis-server"), "redis-server is not installed");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var server = startRedis(port);
        try {
            var node = node("redis://127.0.0.1:" + port);
            var limit = RateLimit.of("outage", 1, Duration.ofMinutes(1));
            assertThat(node.tryAcquire(limit, "k").allowed()).isTrue();
            assertThat(node.tryAcquire(limit, "k").allowed()).isFalse();

            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            assertThat(node.tryAcquire(limit, "k").allowed())
                    .as("Redis is down: allow")
                    .isTrue();

            server = startRedis(port);
            var freshKey = "after-" + UUID.randomUUID();
            // Lettuce reconnects by itself; until it has, requests are still allowed.
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                node.tryAcquire(limit, freshKey);
                assertThat(node.tryAcquire(limit, freshKey).allowed()).isFalse();
            });
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private RateLimiter node(String url) {
        var limiter = RateLimiter.sharedThroughRedis(url);
        toClose.add(limiter);
        return limiter;
    }

    private static Process startRedis(int port) throws IOException {
        var process = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> listening(port));
        return process;
    }

    private static boolean listening(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String command) {
        var path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (var directory : path.split(":")) {
            if (new java.io.File(directory, command).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
