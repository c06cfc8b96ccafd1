package com.betanet.marketplace.payments.provider;

/** Who moves the money: stored with each payment and naming its ledger clearing account. */
public enum Provider {
    MPESA,
    STRIPE,
    /** The local stand-in used when a method's provider credentials are absent (never in the {@code prod} profile). */
    SIMULATOR
}
