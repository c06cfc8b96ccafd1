package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.application.PaymentSettlement.Outcome;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.payments.stripe.InvalidStripeWebhookException;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.ChargeRefunded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Dispute;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentFailed;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentSucceeded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvents;
import com.betanet.marketplace.payments.stripe.StripeWebhookVerifier;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook. The body is taken as the raw bytes Stripe signed (no JSON binding before the signature check); a
 * missing, wrong or older-than-five-minutes signature, or a tampered body, is 400 and changes nothing. Each event is
 * recorded in the inbox under its event id and applied by {@link PaymentSettlement}, so a redelivery is a no-op and
 * the order of events does not matter (a failure never undoes a success; refunds are matched by the running total).
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Called by the payment providers, not by clients")
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeWebhookVerifier verifier;
    private final PaymentSettlement settlement;

    StripeWebhookController(StripeWebhookVerifier verifier, PaymentSettlement settlement) {
        this.verifier = verifier;
        this.settlement = settlement;
    }

    @PostMapping("/stripe")
    @Operation(
            summary = "Stripe webhook (Stripe only)",
            description = "Verified with the Stripe-Signature header. Handles payment_intent.succeeded,"
                    + " payment_intent.payment_failed, charge.refunded, charge.dispute.created (the checkout's"
                    + " orders in escrow are frozen) and charge.dispute.closed (lost: they are refunded and the loss"
                    + " booked; won: nothing moves); other types are acknowledged and ignored. Without a webhook"
                    + " secret (MARKETPLACE_STRIPE_WEBHOOK_SECRET) no signature can be verified: every call is 400"
                    + " invalid_signature. A signed body that is no event, or lacks what its type carries, is 400"
                    + " validation_failed.")
    @ProblemCodes({"400 invalid_signature", "400 validation_failed"})
    ResponseEntity<Void> event(
            @RequestHeader(name = "Stripe-Signature", required = false) @Nullable String signature,
            @RequestBody(required = false) byte @Nullable [] body) {
        var raw = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        StripeWebhookEvent event;
        try {
            event = StripeWebhookEvents.read(verifier.verify(raw, signature));
        } catch (InvalidStripeWebhookException refused) {
            log.warn("Stripe webhook refused: {}", refused.getMessage());
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    refused.signatureProblem() ? "invalid_signature" : "validation_failed",
                    refused.getMessage());
        }
        var outcome = apply(event, raw);
        log.info("Stripe event {}: {}", event.eventId(), outcome);
        return ResponseEntity.ok().build();
    }

    private @Nullable Outcome apply(StripeWebhookEvent event, String raw) {
        if (event instanceof PaymentIntentSucceeded paid) {
            return settlement.succeeded(
                    Provider.STRIPE, paid.paymentIntentId(), paid.eventId(), paid.amountReceived(), raw);
        }
        if (event instanceof PaymentIntentFailed failed) {
            var reason = failed.failureMessage();
            return settlement.failed(
                    Provider.STRIPE,
                    failed.paymentIntentId(),
                    failed.eventId(),
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
                    refunded.eventId(),
                    succeeded,
                    refunded.amountRefunded().amount(),
                    raw);
        }
        if (event instanceof Dispute dispute) {
            return apply(dispute, raw);
        }
        // Other: acknowledged and ignored
        return null;
    }

    /** A dispute opened (the orders freeze) or decided (lost: the money is gone; won: it stays). */
    private @Nullable Outcome apply(Dispute dispute, String raw) {
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
                    Provider.STRIPE, paymentIntentId, dispute.eventId(), name + " of " + dispute.amount(), raw);
        }
        return switch (String.valueOf(dispute.status())) {
            case "lost" ->
                settlement.chargedBack(
                        Provider.STRIPE, paymentIntentId, dispute.eventId(), dispute.amount(), name + " lost", raw);
            case "won" -> settlement.disputeWon(Provider.STRIPE, paymentIntentId, dispute.eventId(), raw);
            default -> {
                log.info("Stripe dispute {} closed as {}: nothing to do", dispute.disputeId(), dispute.status());
                yield null;
            }
        };
    }
}
