package com.betanet.marketplace.realtime.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * The STOMP sessions open on this node, by user, so a user's sessions can be ended (a suspension). Each node knows only
 * its own sessions; with the broker relay, an ending is broadcast to every node ({@link SessionEndings}).
 */
@Component
class StompSessions {

    private static final Logger log = LoggerFactory.getLogger(StompSessions.class);

    private final Map<UUID, Set<String>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, UUID> userBySession = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> subscriptionsBySession = new ConcurrentHashMap<>();
    private final MessageChannel clientOutbound;

    StompSessions(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound) {
        this.clientOutbound = clientOutbound;
    }

    /** The user of {@code sessionId} passed CONNECT. */
    void opened(UUID userId, String sessionId) {
        userBySession.put(sessionId, userId);
        sessionsByUser.compute(userId, (user, ids) -> {
            var set = ids == null ? ConcurrentHashMap.<String>newKeySet() : ids;
            set.add(sessionId);
            return set;
        });
    }

    /** What became of a SUBSCRIBE: recorded, or refused because its id is in use or the session is full. */
    enum Subscription {
        ADDED,
        TAKEN,
        FULL
    }

    /**
     * Session {@code sessionId} subscribes with {@code subscriptionId}, unless the id is in use (STOMP: unique per
     * connection; the in-memory broker would replace that subscription, RabbitMQ refuses it after creating its queue)
     * or the session holds {@code limit} subscriptions already.
     */
    Subscription subscribed(String sessionId, String subscriptionId, int limit) {
        var ids = subscriptionsBySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet());
        synchronized (ids) {
            if (ids.contains(subscriptionId)) {
                return Subscription.TAKEN;
            }
            if (ids.size() >= limit) {
                return Subscription.FULL;
            }
            ids.add(subscriptionId);
            return Subscription.ADDED;
        }
    }

    void unsubscribed(String sessionId, String subscriptionId) {
        var ids = subscriptionsBySession.get(sessionId);
        if (ids != null) {
            ids.remove(subscriptionId);
        }
    }

    @EventListener
    void closed(SessionDisconnectEvent event) {
        subscriptionsBySession.remove(event.getSessionId());
        var userId = userBySession.remove(event.getSessionId());
        if (userId != null) {
            sessionsByUser.computeIfPresent(userId, (user, ids) -> {
                ids.remove(event.getSessionId());
                return ids.isEmpty() ? null : ids;
            });
        }
    }

    /** How many sessions {@code userId} has open on this node. */
    int openSessions(UUID userId) {
        return sessionsByUser.getOrDefault(userId, Set.of()).size();
    }

    /**
     * Ends every session of {@code userId} on this node: an ERROR frame with {@code code} in its {@code message}
     * header, after which the server closes the connection (as STOMP prescribes after an ERROR).
     */
    void end(UUID userId, String code, String detail) {
        var ids = Set.copyOf(sessionsByUser.getOrDefault(userId, Set.of()));
        for (var sessionId : ids) {
            end(sessionId, code, detail);
        }
        if (!ids.isEmpty()) {
            log.info("Ended {} STOMP session(s) of user {}: {}", ids.size(), userId, code);
        }
    }

    /** Sends session {@code sessionId} a RECEIPT for its frame that carried the {@code receipt} header {@code receipt}. */
    void receipt(String sessionId, String receipt) {
        var frame = StompHeaderAccessor.create(StompCommand.RECEIPT);
        frame.setSessionId(sessionId);
        frame.setReceiptId(receipt);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], frame.getMessageHeaders()));
    }

    /** Sends session {@code sessionId} an ERROR frame, after which the server closes its connection. */
    void end(String sessionId, String code, String detail) {
        end(sessionId, code, detail, null);
    }

    /**
     * Like {@link #end(String, String, String)}, for the refusal of a client frame that asked for a receipt: the ERROR
     * names it in {@code receipt-id}, as STOMP 1.2 recommends, so the client knows which frame was refused.
     */
    void end(String sessionId, String code, String detail, @Nullable String receipt) {
        var error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(code);
        if (receipt != null) {
            error.setReceiptId(receipt);
        }
        error.setContentType(MimeTypeUtils.TEXT_PLAIN);
        error.setSessionId(sessionId);
        clientOutbound.send(
                MessageBuilder.createMessage(detail.getBytes(StandardCharsets.UTF_8), error.getMessageHeaders()));
    }
}
