package com.betanet.marketplace.payments.payout;

/** A payout is PENDING until the provider's answer (result callback or status query) makes it final. */
public enum PayoutStatus {
    PENDING,
    SUCCEEDED,
    FAILED
}
