package com.betanet.marketplace.payments.stripe;

import com.google.gson.JsonParseException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Checks a webhook's {@code Stripe-Signature} (HMAC-SHA256 of {@code timestamp.body} with the endpoint secret,
 * compared in constant time by the SDK) and that it was signed at most five minutes ago, so a captured request cannot
 * be replayed later. The body must be the raw bytes Stripe sent, as text, not re-serialised JSON.
 */
public class StripeWebhookVerifier {

    public static final long TOLERANCE_SECONDS = 300;

    private final StripeProperties properties;
    private final Clock clock;

    public StripeWebhookVerifier(StripeProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws InvalidStripeWebhookException when the signature is missing, wrong or too old, there is no secret to check
     *     it with ({@code MARKETPLACE_STRIPE_WEBHOOK_SECRET}), or the body is no event
     */
    public Event verify(String rawBody, @Nullable String signatureHeader) {
        if (properties.webhookSecret().isBlank()) {
            throw InvalidStripeWebhookException.noSecret();
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw InvalidStripeWebhookException.missingSignature();
        }
        try {
            return Webhook.constructEvent(
                    rawBody, signatureHeader, properties.webhookSecret(), TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException | NumberFormatException rejected) {
            // The SDK reads a non-numeric t= with Long.parseLong.
            throw InvalidStripeWebhookException.badSignature(rejected);
        } catch (JsonParseException | IllegalStateException | NullPointerException notAnEvent) {
            // e.g. an empty body or a JSON value that is no object: the SDK's parser fails in its own ways
            throw InvalidStripeWebhookException.notAnEvent(notAnEvent);
        }
    }
}
