package com.betanet.marketplace.realtime.stomp;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * On RabbitMQ, a user destination ({@code /user/queue/orders} becomes {@code /queue/orders-user<user>}, see
 * {@link UserQueues}) is moved to {@code /exchange/amq.direct/orders-user<user>}: RabbitMQ then gives each subscription
 * an exclusive, auto-deleted queue bound to that routing key, which vanishes with its session, and a frame sent to the
 * key reaches every subscription of the user on every node. A {@code /queue/...} destination would create one durable
 * queue that outlives the sessions, keeps collecting frames and hands each frame to only one of them. Clients never see
 * the difference: their frames carry the destination they subscribed to.
 */
class RelayDestinations implements ChannelInterceptor {

    static final String EXCHANGE_PREFIX = "/exchange/";
    private static final String QUEUE_PREFIX = "/queue/";
    private static final String DIRECT_EXCHANGE = EXCHANGE_PREFIX + "amq.direct/";

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        var destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        if (destination == null || !destination.startsWith(QUEUE_PREFIX)) {
            return message;
        }
        var accessor = MessageHeaderAccessor.getMutableAccessor(message);
        if (!(accessor instanceof SimpMessageHeaderAccessor simp)) {
            return message;
        }
        simp.setDestination(DIRECT_EXCHANGE + destination.substring(QUEUE_PREFIX.length()));
        return MessageBuilder.createMessage(message.getPayload(), simp.getMessageHeaders());
    }
}
