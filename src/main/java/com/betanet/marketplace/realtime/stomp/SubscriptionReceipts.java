package com.betanet.marketplace.realtime.stomp;

import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * RECEIPT frames for SUBSCRIBE and UNSUBSCRIBE with the in-memory broker, which sends none itself (an external broker
 * behind the relay does). STOMP 1.2 asks for one whenever a client frame carries a {@code receipt} header, and clients
 * use it to know that a subscription is in place before they cause the events it should see. The receipt leaves once
 * the handler that registers the subscription has run: the broker for {@code /topic/...}, the user-destination handler
 * (which hands the translated subscription to the broker on the same thread) for {@code /user/...}. A refused SUBSCRIBE
 * never reaches a handler, so it gets its ERROR frame and no receipt.
 */
class SubscriptionReceipts implements ExecutorChannelInterceptor {

    private final StompSessions sessions;

    SubscriptionReceipts(StompSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void afterMessageHandled(
            Message<?> message, MessageChannel channel, MessageHandler handler, @Nullable Exception failure) {
        if (failure != null) {
            return;
        }
        var frame = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (frame != null
                && frame.getReceipt() != null
                && frame.getSessionId() != null
                && registeredBy(frame, handler)) {
            sessions.receipt(frame.getSessionId(), frame.getReceipt());
        }
    }

    private static boolean registeredBy(StompHeaderAccessor frame, MessageHandler handler) {
        if (frame.getCommand() == StompCommand.UNSUBSCRIBE) {
            return handler instanceof SimpleBrokerMessageHandler;
        }
        if (frame.getCommand() != StompCommand.SUBSCRIBE || frame.getDestination() == null) {
            return false;
        }
        return frame.getDestination().startsWith("/user/")
                ? handler instanceof UserDestinationMessageHandler
                : handler instanceof SimpleBrokerMessageHandler;
    }
}
