package com.betanet.marketplace.payments.payout;

/**
 * Daraja reported a queue timeout for the B2C payment of an M-Pesa refund: its status is asked after commit, through
 * the outbox ({@code refundReference} is the refund's OriginatorConversationID).
 */
public record RefundStatusQueryRequested(String refundReference) {}
