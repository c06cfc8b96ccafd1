package com.betanet.marketplace.ordering;

/** Where an order is in its life; the legal moves between these are kept by the order itself. */
public enum OrderStatus {
    PENDING_PAYMENT,
    CONFIRMED,
    PROCESSING,
    SHIPPED,
    DELIVERED,
    COMPLETED,
    CANCELLED,
    DISPUTED,
    REFUNDED
}
