package com.betanet.marketplace.ordering.domain;

/** How an admin resolves a dispute: RELEASE pays the seller (order COMPLETED), REFUND the buyer (order REFUNDED). */
public enum DisputeOutcome {
    RELEASE,
    REFUND
}
