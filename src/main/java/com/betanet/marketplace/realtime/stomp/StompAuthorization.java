package com.betanet.marketplace.realtime.stomp;

import com.betanet.marketplace.ordering.OrderingApi;
import com.betanet.marketplace.shared.security.AccessTokenAuthenticator;
import com.betanet.marketplace.shared.web.ApiException;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;

/**
 * Who may do what over STOMP, checked on every inbound frame. CONNECT must carry a valid access token of an active
 * account (the STOMP user's name is then the user id, which is what {@code convertAndSendToUser} addresses). A client
 * may subscribe to its own {@code /user/queue/...} destinations and to {@code /topic/orders.{orderId}} of an order it
 * is the buyer or seller of, nothing else; it may only SEND to {@code /app/...}. A refused frame goes no further; the
 * client gets an ERROR frame and the connection is closed.
 */
@Component
class StompAuthorization implements ChannelInterceptor {

    static final String USER_QUEUES = "/user/queue/";
    static final String APPLICATION = "/app/";
    /** The user queues of API.md: a client subscribing to any other name would wait for frames that never come. */
    static final Set<String> USER_QUEUE_NAMES = Set.of("orders", "notifications", "messages", "statuses");
    /** Subscriptions one session may hold: far more than any screen follows, far fewer than a flood of queues. */
    static final int MAX_SUBSCRIPTIONS = 100;
    /**
     * What a SUBSCRIBE may tell the broker. Anything else is dropped before the broker sees it: with the RabbitMQ
     * relay, headers such as {@code x-queue-name}, {@code durable} or {@code auto-delete} would let a client name
     * (and so share, or leave behind) the queue that receives a user's frames.
     */
    private static final Set<String> SUBSCRIBE_HEADERS = Set.of("id", "destination", "receipt");
    /** What an UNSUBSCRIBE may tell the broker: with the relay, {@code x-queue-name} would delete any queue by name. */
    private static final Set<String> UNSUBSCRIBE_HEADERS = Set.of("id", "receipt");

    private static final Pattern ORDER_TOPIC = Pattern.compile(
            "/topic/orders\\.([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})");

    private static final Logger log = LoggerFactory.getLogger(StompAuthorization.class);

    private final AccessTokenAuthenticator authenticator;
    private final OrderingApi ordering;
    private final StompSessions sessions;

    StompAuthorization(AccessTokenAuthenticator authenticator, OrderingApi ordering, StompSessions sessions) {
        this.authenticator = authenticator;
        this.ordering = ordering;
        this.sessions = sessions;
    }

    @Override
    public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
        var accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message; // heart-beats
        }
        try {
            switch (accessor.getCommand()) {
                case CONNECT, STOMP -> connect(accessor);
                case SUBSCRIBE -> subscribe(accessor);
                case UNSUBSCRIBE -> unsubscribe(accessor);
                case SEND -> send(accessor);
                default -> {}
            }
        } catch (StompRefusal refusal) {
            // Answered here rather than thrown: a thrown refusal would be logged as a server error on every attempt.
            log.info(
                    "Refused STOMP {} of session {}: {}",
                    accessor.getCommand(),
                    accessor.getSessionId(),
                    refusal.code());
            sessions.end(sessionId(accessor), refusal.code(), refusal.getMessage(), accessor.getReceipt());
            return null;
        }
        return message;
    }

    private void connect(StompHeaderAccessor accessor) {
        // Spring speaks 1.1 and 1.2; a CONNECT offering neither (1.0 has no accept-version) would get no CONNECTED
        // from the in-memory broker at all, and a client would wait for it forever
        var versions = accessor.getAcceptVersion();
        if (!versions.contains("1.2") && !versions.contains("1.1")) {
            throw StompRefusal.of("unsupported_version", "This server speaks STOMP 1.1 and 1.2 (accept-version)");
        }
        var token = bearerToken(accessor);
        if (token == null) {
            throw StompRefusal.unauthenticated();
        }
        try {
            var authentication = authenticator.authenticate(token);
            accessor.setUser(authentication);
        } catch (ApiException refused) {
            throw StompRefusal.of(refused.code(), refused.getMessage());
        }
        // The token is ours to check; it is not forwarded to an external broker.
        accessor.removeNativeHeader("Authorization");
        accessor.removeNativeHeader("authorization");
        sessions.opened(userId(accessor), sessionId(accessor));
    }

    private void subscribe(StompHeaderAccessor accessor) {
        var user = userId(accessor);
        var subscriptionId = accessor.getSubscriptionId();
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw StompRefusal.of("invalid_frame", "SUBSCRIBE needs an 'id' header (STOMP 1.2)");
        }
        var destination = String.valueOf(accessor.getDestination());
        if (destination.startsWith(USER_QUEUES)) {
            if (!USER_QUEUE_NAMES.contains(destination.substring(USER_QUEUES.length()))) {
                throw StompRefusal.unknownDestination(destination);
            }
        } else {
            var orderTopic = ORDER_TOPIC.matcher(destination);
            if (!orderTopic.matches()) {
                throw StompRefusal.unknownDestination(destination);
            }
            var orderId = UUID.fromString(orderTopic.group(1));
            if (!ordering.isParty(orderId, user)) {
                throw StompRefusal.notYours(destination);
            }
            // frames go to the id's canonical (lower-case) spelling: an upper-case one would never receive any
            accessor.setDestination("/topic/orders." + orderId);
        }
        keepOnly(accessor, SUBSCRIBE_HEADERS);
        switch (sessions.subscribed(sessionId(accessor), subscriptionId, MAX_SUBSCRIPTIONS)) {
            case TAKEN ->
                throw StompRefusal.of(
                        "duplicate_subscription",
                        "This session already has a subscription with id '" + subscriptionId + "'");
            case FULL ->
                throw StompRefusal.of(
                        "too_many_subscriptions", "A session holds at most " + MAX_SUBSCRIPTIONS + " subscriptions");
            case ADDED -> {}
        }
    }

    private static void keepOnly(StompHeaderAccessor accessor, Set<String> allowed) {
        for (var header : Set.copyOf(accessor.toNativeHeaderMap().keySet())) {
            if (!allowed.contains(header)) {
                accessor.removeNativeHeader(header);
            }
        }
    }

    private void unsubscribe(StompHeaderAccessor accessor) {
        keepOnly(accessor, UNSUBSCRIBE_HEADERS);
        var subscriptionId = accessor.getSubscriptionId();
        if (subscriptionId != null) {
            sessions.unsubscribed(sessionId(accessor), subscriptionId);
        }
    }

    private void send(StompHeaderAccessor accessor) {
        userId(accessor);
        var destination = String.valueOf(accessor.getDestination());
        if (!destination.startsWith(APPLICATION)) {
            throw StompRefusal.sendRefused(destination);
        }
    }

    private static @Nullable String bearerToken(StompHeaderAccessor accessor) {
        var header = accessor.getFirstNativeHeader("Authorization");
        if (header == null) {
            header = accessor.getFirstNativeHeader("authorization");
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        var token = header.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static UUID userId(StompHeaderAccessor accessor) {
        Principal user = accessor.getUser();
        if (user == null) {
            throw StompRefusal.unauthenticated();
        }
        return UUID.fromString(user.getName());
    }

    private static String sessionId(StompHeaderAccessor accessor) {
        var id = accessor.getSessionId();
        if (id == null) {
            throw new IllegalStateException("A STOMP frame without a session id");
        }
        return id;
    }
}
