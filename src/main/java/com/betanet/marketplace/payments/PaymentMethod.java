package com.betanet.marketplace.payments;

/** How the payer pays: an M-Pesa STK push to their phone or a card (Stripe PaymentIntent). */
public enum PaymentMethod {
    MPESA,
    CARD
}
