package com.betanet.marketplace.payments.stripe;

/** A webhook that must not be acted on: no, a wrong or an old signature, or a body that is not a Stripe event (400). */
public class InvalidStripeWebhookException extends RuntimeException {

    private InvalidStripeWebhookException(String message, Throwable cause) {
        super(message, cause);
    }

    private InvalidStripeWebhookException(String message) {
        super(message);
    }

    static InvalidStripeWebhookException missingSignature() {
        return new InvalidStripeWebhookException("The Stripe-Signature header is missing");
    }

    static InvalidStripeWebhookException badSignature(Throwable cause) {
        // The SDK's message says which check failed (no matching signature, outside the tolerance…).
        return new InvalidStripeWebhookException("Stripe-Signature rejected: " + cause.getMessage(), cause);
    }

    static InvalidStripeWebhookException notAnEvent(Throwable cause) {
        return new InvalidStripeWebhookException("The body is not a Stripe event", cause);
    }

    static InvalidStripeWebhookException unreadableObject(String eventId, String type, String problem) {
        return new InvalidStripeWebhookException(
                "Event " + eventId + " (" + type + ") does not carry what it should: " + problem);
    }
}
