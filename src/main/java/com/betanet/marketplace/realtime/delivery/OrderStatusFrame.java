package com.betanet.marketplace.realtime.delivery;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.ordering.OrderStatusChanged;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The {@code ORDER_STATUS_CHANGED} frame of API.md. {@code eventId} is derived from the order and its timeline position,
 * so a re-delivered event (outbox retry, restart) carries the same id and the client can drop it; {@code sequence}
 * lets it put frames in order.
 */
public record OrderStatusFrame(
        String type,
        UUID eventId,
        UUID orderId,
        UUID checkoutId,
        int sequence,
        OrderStatus status,
        @Nullable OrderStatus previousStatus,
        @Nullable String trackingNumber,
        @Nullable String note,
        Instant at) {

    public static final String TYPE = "ORDER_STATUS_CHANGED";

    static OrderStatusFrame of(OrderStatusChanged event) {
        return new OrderStatusFrame(
                TYPE,
                eventId(event.orderId(), event.sequence()),
                event.orderId(),
                event.checkoutId(),
                event.sequence(),
                event.status(),
                event.previousStatus(),
                event.trackingNumber(),
                event.note(),
                event.at());
    }

    /** A name-based UUID: the same order and sequence always give the same id, on every node. */
    public static UUID eventId(UUID orderId, int sequence) {
        return UUID.nameUUIDFromBytes(
                ("order-status-changed:" + orderId + ":" + sequence).getBytes(StandardCharsets.UTF_8));
    }
}
