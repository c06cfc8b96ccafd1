package com.betanet.marketplace.payments.payout;

import java.util.UUID;

/** A payout was recorded and its money held: the B2C request is sent after commit, through the outbox. */
public record PayoutRequested(UUID payoutId) {}
