package com.betanet.marketplace.ordering.domain;

/** A dispute is OPEN (its order's escrow frozen) until an admin resolves it. */
public enum DisputeStatus {
    OPEN,
    RESOLVED
}
