package com.betanet.marketplace.payments.application;

import java.util.UUID;

/** A refund was recorded and its money held: the provider is asked after commit, through the outbox. */
public record RefundRequested(UUID refundId, UUID paymentId) {}
