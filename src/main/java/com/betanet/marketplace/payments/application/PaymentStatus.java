package com.betanet.marketplace.payments.application;

/** The states of a payment as the API shows them. */
public enum PaymentStatus {
    PENDING,
    REQUIRES_ACTION,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    REFUNDED,
    PARTIALLY_REFUNDED;

    /** The provider confirmed the money: nothing a provider reports later can undo that. */
    public boolean hasSucceeded() {
        return this == SUCCEEDED || this == PARTIALLY_REFUNDED || this == REFUNDED;
    }

    /** Still waiting for the provider's outcome. */
    public boolean isOpen() {
        return this == PENDING || this == REQUIRES_ACTION;
    }
}
