/**
 * Stripe on its official SDK: {@link com.betanet.marketplace.payments.stripe.StripeGateway} creates and reads
 * PaymentIntents and refunds; {@link com.betanet.marketplace.payments.stripe.StripeWebhookVerifier} checks the
 * {@code Stripe-Signature} of webhooks and {@link com.betanet.marketplace.payments.stripe.StripeWebhookEvents} reads the
 * facts the payments core needs from them. No payment state lives here.
 */
@NullMarked
package com.betanet.marketplace.payments.stripe;

import org.jspecify.annotations.NullMarked;
