package com.betanet.marketplace.realtime.stomp;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.broker.AbstractSubscriptionRegistry;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.PathMatcher;

/**
 * The in-memory broker's subscriptions, indexed by destination. Spring's {@code DefaultSubscriptionRegistry} answers
 * "who is subscribed to this destination?" from an LRU cache (1 024 destinations) and, on a miss, by matching every
 * subscription of every session against it. Here every order has a topic of its own and every session a queue of its
 * own ({@code /queue/orders-user{session}}), so with 10 000 connected users nearly every frame missed the cache and
 * scanned 10 000 subscriptions: 70 % of the server's CPU at a few hundred order events a second
 * (bench/realtime/README.md). The destinations clients may subscribe to are exact names ({@link StompAuthorization}
 * refuses wildcards), so a lookup is one hash-map get; a pattern destination, should a client ever be allowed one, is
 * kept apart and matched the slow way. STOMP {@code selector} headers are not supported (the simple broker ignores
 * them unless configured to use them, and this application does not).
 */
final class DestinationIndexedSubscriptions extends AbstractSubscriptionRegistry {

    private static final PathMatcher PATTERNS = new AntPathMatcher();

    /** destination → session id → subscription ids. */
    private final Map<String, Map<String, Set<String>>> byDestination = new ConcurrentHashMap<>();
    /** pattern destination → session id → subscription ids; empty unless a client subscribed with a wildcard. */
    private final Map<String, Map<String, Set<String>>> byPattern = new ConcurrentHashMap<>();
    /** session id → subscription id → destination, to find what an UNSUBSCRIBE or a disconnect removes. */
    private final Map<String, Map<String, String>> bySession = new ConcurrentHashMap<>();

    @Override
    protected void addSubscriptionInternal(
            String sessionId, String subscriptionId, String destination, Message<?> message) {
        var subscriptions = bySession.computeIfAbsent(sessionId, id -> new ConcurrentHashMap<>());
        var previous = subscriptions.put(subscriptionId, destination);
        if (previous != null) {
            remove(sessionId, subscriptionId, previous); // STOMP lets a client reuse an id: the new one replaces it
        }
        index(destination).compute(destination, (key, sessions) -> {
            var map = sessions == null ? new ConcurrentHashMap<String, Set<String>>() : sessions;
            map.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(subscriptionId);
            return map;
        });
        if (bySession.get(sessionId) != subscriptions) {
            remove(sessionId, subscriptionId, destination); // the session ended meanwhile: leave nothing behind
        }
    }

    @Override
    protected void removeSubscriptionInternal(String sessionId, String subscriptionId, Message<?> message) {
        var subscriptions = bySession.get(sessionId);
        var destination = subscriptions == null ? null : subscriptions.remove(subscriptionId);
        if (destination != null) {
            remove(sessionId, subscriptionId, destination);
        }
    }

    @Override
    public void unregisterAllSubscriptions(String sessionId) {
        var subscriptions = bySession.remove(sessionId);
        if (subscriptions != null) {
            subscriptions.forEach((subscriptionId, destination) -> remove(sessionId, subscriptionId, destination));
        }
    }

    @Override
    protected MultiValueMap<String, String> findSubscriptionsInternal(String destination, Message<?> message) {
        var result = new LinkedMultiValueMap<String, String>();
        addAll(result, byDestination.get(destination));
        if (!byPattern.isEmpty()) {
            byPattern.forEach((pattern, sessions) -> {
                if (PATTERNS.match(pattern, destination)) {
                    addAll(result, sessions);
                }
            });
        }
        return result;
    }

    private void remove(String sessionId, String subscriptionId, String destination) {
        index(destination).computeIfPresent(destination, (key, sessions) -> {
            sessions.computeIfPresent(sessionId, (id, ids) -> {
                ids.remove(subscriptionId);
                return ids.isEmpty() ? null : ids;
            });
            return sessions.isEmpty() ? null : sessions; // no map of an order nobody follows any more
        });
    }

    private Map<String, Map<String, Set<String>>> index(String destination) {
        return PATTERNS.isPattern(destination) ? byPattern : byDestination;
    }

    private static void addAll(MultiValueMap<String, String> result, Map<String, Set<String>> sessions) {
        if (sessions != null) {
            sessions.forEach((sessionId, ids) -> ids.forEach(id -> result.add(sessionId, id)));
        }
    }
}
