package com.betanet.marketplace.payments.payout;

import java.util.UUID;

/** Daraja reported a queue timeout for a payout: its status is asked after commit, through the outbox. */
public record PayoutStatusQueryRequested(UUID payoutId) {}
