package com.betanet.marketplace.payments;

/** How the payer pays: an M-Pesa STK push to their phone or a card (Stripe PaymentIntent). */
public enum PaymentMethod {
    MPESA(100),
    CARD(1);

    /** The smallest amount the method moves, in minor units: M-Pesa moves whole shillings only. */
    private final long unit;

    PaymentMethod(long unit) {
        this.unit = unit;
    }

    /** What of {@code minorUnits} this method cannot move: the cents of an M-Pesa amount, nothing for a card. */
    public long cannotMove(long minorUnits) {
        return minorUnits % unit;
    }
}
