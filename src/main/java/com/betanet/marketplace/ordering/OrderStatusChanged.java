package com.betanet.marketplace.ordering;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An order entered {@code status} (its first entry, PENDING_PAYMENT, has no previous status). Published inside the
 * transaction that made the change, so the outbox delivers it exactly when the change committed.
 */
public record OrderStatusChanged(
        UUID orderId,
        UUID checkoutId,
        UUID buyerId,
        UUID sellerId,
        int sequence,
        OrderStatus status,
        @Nullable OrderStatus previousStatus,
        @Nullable String trackingNumber,
        @Nullable String note,
        Instant at) {}
