package com.betanet.marketplace.realtime.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.DefaultSubscriptionRegistry;
import org.springframework.messaging.simp.broker.SubscriptionRegistry;
import org.springframework.messaging.support.MessageBuilder;

class DestinationIndexedSubscriptionsTests {

    private final DestinationIndexedSubscriptions registry = new DestinationIndexedSubscriptions();

    @Test
    void findsTheSubscriptionsOfExactlyThatDestination() {
        subscribe(registry, "s1", "a", "/topic/orders.1");
        subscribe(registry, "s1", "b", "/queue/orders-users1");
        subscribe(registry, "s2", "a", "/topic/orders.1");
        subscribe(registry, "s2", "b", "/topic/orders.1"); // a second subscription of one session to one topic
        subscribe(registry, "s3", "a", "/topic/orders.2");

        assertThat(find(registry, "/topic/orders.1")).isEqualTo(Map.of("s1", Set.of("a"), "s2", Set.of("a", "b")));
        assertThat(find(registry, "/queue/orders-users1")).isEqualTo(Map.of("s1", Set.of("b")));
        assertThat(find(registry, "/topic/orders.3")).isEmpty();
        assertThat(find(registry, "/topic/orders.")).isEmpty();
    }

    @Test
    void unsubscribeAndDisconnectRemoveOnlyThatSessionsSubscriptions() {
        subscribe(registry, "s1", "a", "/topic/orders.1");
        subscribe(registry, "s1", "b", "/topic/orders.2");
        subscribe(registry, "s2", "a", "/topic/orders.1");

        registry.unregisterSubscription(message(SimpMessageType.UNSUBSCRIBE, "s1", "a", null));
        assertThat(find(registry, "/topic/orders.1")).isEqualTo(Map.of("s2", Set.of("a")));
        assertThat(find(registry, "/topic/orders.2")).isEqualTo(Map.of("s1", Set.of("b")));

        registry.unregisterAllSubscriptions("s1");
        assertThat(find(registry, "/topic/orders.2")).isEmpty();
        assertThat(find(registry, "/topic/orders.1")).isEqualTo(Map.of("s2", Set.of("a")));

        registry.unregisterSubscription(message(SimpMessageType.UNSUBSCRIBE, "s2", "unknown", null));
        registry.unregisterAllSubscriptions("never-connected");
        assertThat(find(registry, "/topic/orders.1")).isEqualTo(Map.of("s2", Set.of("a")));
    }

    @Test
    void aReusedSubscriptionIdMovesToTheNewDestination() {
        subscribe(registry, "s1", "a", "/topic/orders.1");
        subscribe(registry, "s1", "a", "/topic/orders.2");

        assertThat(find(registry, "/topic/orders.1")).isEmpty();
        assertThat(find(registry, "/topic/orders.2")).isEqualTo(Map.of("s1", Set.of("a")));
    }

    @Test
    void patternSubscriptionsStillMatch() {
        subscribe(registry, "s1", "a", "/topic/orders.*");
        subscribe(registry, "s2", "a", "/topic/orders.1");

        assertThat(find(registry, "/topic/orders.1")).isEqualTo(Map.of("s1", Set.of("a"), "s2", Set.of("a")));
        assertThat(find(registry, "/topic/orders.2")).isEqualTo(Map.of("s1", Set.of("a")));
        assertThat(find(registry, "/queue/other")).isEmpty();

        registry.unregisterAllSubscriptions("s1");
        assertThat(find(registry, "/topic/orders.2")).isEmpty();
    }

    /** Random subscribes, unsubscribes and disconnects: the same answers as Spring's own registry, always. */
    @Test
    void answersLikeSpringsDefaultRegistry() {
        var spring = new DefaultSubscriptionRegistry();
        var random = new Random(7);
        List<String> destinations = List.of("/topic/orders.1", "/topic/orders.2", "/queue/q-user1", "/topic/orders.*");
        for (int step = 0; step < 5_000; step++) {
            var session = "s" + random.nextInt(6);
            var subscription = "sub-" + random.nextInt(3);
            int operation = random.nextInt(10);
            if (operation < 6) {
                var destination = destinations.get(random.nextInt(destinations.size()));
                // Spring's registry keeps a reused id's old destination too: replay its view of a reuse as
                // unsubscribe + subscribe, which is what a client reusing an id means
                var unsubscribe = message(SimpMessageType.UNSUBSCRIBE, session, subscription, null);
                spring.unregisterSubscription(unsubscribe);
                subscribe(spring, session, subscription, destination);
                subscribe(registry, session, subscription, destination);
            } else if (operation < 9) {
                var unsubscribe = message(SimpMessageType.UNSUBSCRIBE, session, subscription, null);
                spring.unregisterSubscription(unsubscribe);
                registry.unregisterSubscription(unsubscribe);
            } else {
                spring.unregisterAllSubscriptions(session);
                registry.unregisterAllSubscriptions(session);
            }
            for (var destination : List.of("/topic/orders.1", "/topic/orders.2", "/queue/q-user1", "/queue/x")) {
                assertThat(find(registry, destination))
                        .as("step %d, %s", step, destination)
                        .isEqualTo(find(spring, destination));
            }
        }
    }

    @Test
    void concurrentSessionsLeaveNothingBehindOnceDisconnected() throws Exception {
        int sessions = 64;
        var pool = Executors.newFixedThreadPool(8);
        var done = new CountDownLatch(sessions);
        for (int i = 0; i < sessions; i++) {
            var session = "s" + i;
            pool.execute(() -> {
                for (int round = 0; round < 200; round++) {
                    subscribe(registry, session, "a", "/topic/orders.shared");
                    subscribe(registry, session, "b", "/queue/orders-user" + session);
                    if (round % 2 == 0) {
                        registry.unregisterAllSubscriptions(session);
                    }
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        // every session ended its last round subscribed
        assertThat(find(registry, "/topic/orders.shared")).hasSize(sessions);
        for (int i = 0; i < sessions; i++) {
            registry.unregisterAllSubscriptions("s" + i);
        }
        assertThat(find(registry, "/topic/orders.shared")).isEmpty();
        assertThat(find(registry, "/queue/orders-users0")).isEmpty();
    }

    private static void subscribe(SubscriptionRegistry registry, String session, String id, String destination) {
        registry.registerSubscription(message(SimpMessageType.SUBSCRIBE, session, id, destination));
    }

    private static Map<String, Set<String>> find(SubscriptionRegistry registry, String destination) {
        var found = registry.findSubscriptions(message(SimpMessageType.MESSAGE, null, null, destination));
        var sorted = new TreeMap<String, Set<String>>();
        found.forEach((session, ids) -> sorted.put(session, new TreeSet<>(new ArrayList<>(ids))));
        return sorted;
    }

    private static Message<byte[]> message(SimpMessageType type, String session, String id, String destination) {
        var accessor = SimpMessageHeaderAccessor.create(type);
        accessor.setSessionId(session);
        accessor.setSubscriptionId(id);
        accessor.setDestination(destination);
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }
}
