package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.application.InboxDocuments;
import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.application.PaymentSettlement.Outcome;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.ChargeRefunded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Dispute;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentFailed;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentSucceeded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvents;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Applies the Stripe events {@link StripeWebhookController} verified and recorded. */
@Component
class StripeEventDocuments implements InboxDocuments {

    static final String KIND = "STRIPE_EVENT";
    private static final Logger log = LoggerFactory.getLogger(StripeEventDocuments.class);

    private final PaymentSettlement settlement;

    StripeEventDocuments(PaymentSettlement settlement) {
        this.settlement = settlement;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void apply(String externalId, String payload) {
        var event = StripeWebhookEvents.readVerified(payload);
        log.info("Stripe event {}: {}", externalId, apply(event, externalId, payload));
    }

    @Override
    public boolean sameReport(String recorded, String redelivered) {
        return StripeWebhookEvents.readVerified(recorded).equals(StripeWebhookEvents.readVerified(redelivered));
    }

    /** {@code eventId} names the document in the inbox: the event's own id, or the id of a contradicting one's. */
    private @Nullable Outcome apply(StripeWebhookEvent event, String eventId, String raw) {
        if (event instanceof PaymentIntentSucceeded paid) {
            return settlement.succeeded(Provider.STRIPE, paid.paymentIntentId(), eventId, paid.amountReceived(), raw);
        }
        if (event instanceof PaymentIntentFailed failed) {
            var reason = failed.failureMessage();
            return settlement.failed(
                    Provider.STRIPE,
                    failed.paymentIntentId(),
                    eventId,
                    reason == null ? "The card payment failed" : reason,
                    raw);
        }
        if (event instanceof ChargeRefunded refunded) {
            var paymentIntentId = refunded.paymentIntentId();
            if (paymentIntentId == null) {
                log.warn("charge.refunded {} names no PaymentIntent: not ours", refunded.eventId());
                return null;
            }
            var succeeded = refunded.refunds().stream()
                    .filter(refund -> "succeeded".equals(refund.status()))
                    .map(StripeWebhookEvent.Refund::id)
                    .toList();
            return settlement.refundsConfirmed(
                    Provider.STRIPE,
                    paymentIntentId,
                    eventId,
                    succeeded,
                    refunded.amountRefunded().amount(),
                    raw);
        }
        if (event instanceof Dispute dispute) {
            return apply(dispute, eventId, raw);
        }
        // Other: acknowledged and ignored
        return null;
    }

    /** A dispute opened (the orders freeze) or decided (lost: the money is gone; won: it stays). */
    private @Nullable Outcome apply(Dispute dispute, String eventId, String raw) {
        var paymentIntentId = dispute.paymentIntentId();
        if (paymentIntentId == null) {
            log.error(
                    "Dispute {} of charge {} names no PaymentIntent; check it in the Stripe dashboard",
                    dispute.disputeId(),
                    dispute.chargeId());
            return null;
        }
        var name = "Stripe dispute " + dispute.disputeId() + " (" + dispute.reason() + ")";
        if (!dispute.closed()) {
            return settlement.disputed(
                    Provider.STRIPE, paymentIntentId, eventId, name + " of " + dispute.amount(), raw);
        }
        return switch (String.valueOf(dispute.status())) {
            case "lost" ->
                settlement.chargedBack(
                        Provider.STRIPE, paymentIntentId, eventId, dispute.amount(), name + " lost", raw);
            case "won" -> settlement.disputeWon(Provider.STRIPE, paymentIntentId, eventId, raw);
            default -> {
                log.info("Stripe dispute {} closed as {}: nothing to do", dispute.disputeId(), dispute.status());
                yield null;
            }
        };
    }
}
