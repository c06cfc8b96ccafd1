package com.betanet.marketplace.payments.stripe;

import com.betanet.marketplace.shared.Money;
import org.jspecify.annotations.Nullable;

/**
 * A PaymentIntent as Stripe returned it.
 *
 * @param clientSecret what the client app confirms the payment with (Stripe.js / mobile SDK)
 * @param status Stripe's word: {@code requires_payment_method}, {@code requires_action}, {@code processing},
 *     {@code succeeded}, {@code canceled}…
 * @param amountReceived what Stripe has actually collected (zero until it succeeds)
 * @param failureMessage the last payment error's message, when a confirmation failed
 */
public record StripePaymentIntent(
        String id,
        @Nullable String clientSecret,
        String status,
        Money amount,
        Money amountReceived,
        @Nullable String failureMessage) {

    public boolean succeeded() {
        return "succeeded".equals(status);
    }
}
