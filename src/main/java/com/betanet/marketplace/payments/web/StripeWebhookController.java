package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.application.InboxWorker;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.payments.stripe.InvalidStripeWebhookException;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Other;
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
 * missing, wrong or older-than-five-minutes signature, or a tampered body, is 400 and changes nothing. Each event we
 * handle is recorded in the inbox under its event id and answered once recorded; {@link StripeEventDocuments} applies
 * it, before the answer unless the node is busy applying others ({@link InboxWorker}). A redelivery is a no-op and the order of events does not matter (a failure never undoes a success;
 * refunds are matched by the running total).
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Called by the payment providers, not by clients")
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeWebhookVerifier verifier;
    private final InboxWorker inbox;
    private final RefusedWebhooks refusals;

    StripeWebhookController(StripeWebhookVerifier verifier, InboxWorker inbox, RefusedWebhooks refusals) {
        this.verifier = verifier;
        this.inbox = inbox;
        this.refusals = refusals;
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
            var code = refused.signatureProblem() ? "invalid_signature" : "validation_failed";
            refusals.refused("stripe", code, refused.getMessage());
            throw new ApiException(HttpStatus.BAD_REQUEST, code, refused.getMessage());
        }
        if (event instanceof Other other) {
            log.info("Stripe event {} ({}) acknowledged and ignored", other.eventId(), other.type());
        } else if (!inbox.accept(Provider.STRIPE, event.eventId(), StripeEventDocuments.KIND, raw)) {
            log.info("Stripe event {} delivered again: already recorded", event.eventId());
        }
        return ResponseEntity.ok().build();
    }
}
