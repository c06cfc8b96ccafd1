package com.betanet.marketplace.payments.stripe;

import com.betanet.marketplace.shared.Money;
import org.jspecify.annotations.Nullable;

/**
 * A refund as Stripe returned it; {@code status} is {@code pending}, {@code requires_action}, {@code succeeded},
 * {@code failed} or {@code canceled}. Card refunds usually succeed at once but may settle later
 * ({@code charge.refunded} / {@code refund.updated}). {@code failureReason} is Stripe's code for a failed refund.
 */
public record StripeRefund(
        String id, String status, Money amount, @Nullable String failureReason) {}
