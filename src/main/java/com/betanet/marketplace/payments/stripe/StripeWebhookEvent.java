package com.betanet.marketplace.payments.stripe;

import com.betanet.marketplace.shared.Money;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The facts of a verified Stripe event that the payments core acts on, read by {@link StripeWebhookEvents#read}.
 * {@code paymentId} is our payment's id from the PaymentIntent's metadata ({@link StripeGateway#PAYMENT_ID}); null
 * when absent (an intent made elsewhere) — match by {@code paymentIntentId} then.
 */
public sealed interface StripeWebhookEvent {

    /** Stripe's event id ({@code evt_…}): the inbox key, so a redelivered event is recognised. */
    String eventId();

    /** {@code payment_intent.succeeded}. */
    record PaymentIntentSucceeded(
            String eventId,
            String paymentIntentId,
            Money amount,
            Money amountReceived,
            @Nullable UUID paymentId) implements StripeWebhookEvent {}

    /** {@code payment_intent.payment_failed}: this attempt failed; the client may try another card. */
    record PaymentIntentFailed(
            String eventId,
            String paymentIntentId,
            Money amount,
            @Nullable String failureMessage,
            @Nullable UUID paymentId)
            implements StripeWebhookEvent {}

    /**
     * {@code charge.refunded}: {@code amountRefunded} is the charge's total refunded so far (not this refund's), so
     * applying it is naturally idempotent. {@code refunds} is empty when the event's API version does not include
     * them.
     */
    record ChargeRefunded(
            String eventId,
            String chargeId,
            @Nullable String paymentIntentId,
            Money amount,
            Money amountRefunded,
            List<Refund> refunds)
            implements StripeWebhookEvent {

        public ChargeRefunded {
            refunds = List.copyOf(refunds);
        }
    }

    record Refund(String id, @Nullable String status, Money amount, Map<String, String> metadata) {

        public Refund {
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * {@code charge.dispute.created} ({@code closed} false: the buyer's bank is disputing a charge) or
     * {@code charge.dispute.closed} (the bank decided; {@code status} is Stripe's: {@code lost}, the money is taken
     * back, {@code won}, or {@code warning_closed}, an inquiry that never became a chargeback).
     */
    record Dispute(
            String eventId,
            boolean closed,
            String disputeId,
            @Nullable String chargeId,
            @Nullable String paymentIntentId,
            Money amount,
            @Nullable String reason,
            @Nullable String status)
            implements StripeWebhookEvent {}

    /** Any other type: acknowledge and ignore. */
    record Other(String eventId, String type) implements StripeWebhookEvent {}
}
