package com.betanet.marketplace.realtime.delivery;

import com.betanet.marketplace.ordering.OrderStatusChanged;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Pushes every order status change to the order's buyer and seller ({@code /user/queue/orders}, on all their
 * sessions) and to the order's topic ({@code /topic/orders.{orderId}}). It runs after the change committed, from the
 * outbox: if sending fails (the broker relay is down, say), the publication stays incomplete and
 * {@link FailedFrameResubmission} delivers it again, with the same {@code eventId}. It reads and writes no table, so
 * it runs without a transaction of its own: with the default {@code REQUIRES_NEW} every event would take a pooled
 * connection for nothing, and at a thousand events a second the listeners queued for connections.
 */
@Component
class OrderStatusFrames {

    static final String USER_QUEUE = "/queue/orders";
    static final String ORDER_TOPIC = "/topic/orders.";

    private final SimpMessageSendingOperations messaging;

    OrderStatusFrames(SimpMessageSendingOperations messaging) {
        this.messaging = messaging;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderStatusChanged event) {
        var frame = OrderStatusFrame.of(event);
        messaging.convertAndSend(ORDER_TOPIC + event.orderId(), frame);
        messaging.convertAndSendToUser(event.buyerId().toString(), USER_QUEUE, frame);
        if (!event.sellerId().equals(event.buyerId())) {
            messaging.convertAndSendToUser(event.sellerId().toString(), USER_QUEUE, frame);
        }
    }
}
