package com.betanet.marketplace.payments.stripe;

/**
 * A webhook that must not be acted on (400): no signature, a wrong or an old one, or no secret to check it with
 * ({@link #signatureProblem()}); or a signed body that is not a Stripe event or lacks what its type must carry. The
 * message is safe to show to the caller.
 */
public class InvalidStripeWebhookException extends RuntimeException {

    private final boolean signatureProblem;

    private InvalidStripeWebhookException(String message, boolean signatureProblem, Throwable cause) {
        super(message, cause);
        this.signatureProblem = signatureProblem;
    }

    private InvalidStripeWebhookException(String message, boolean signatureProblem) {
        super(message);
        this.signatureProblem = signatureProblem;
    }

    /** Whether it is the signature that is refused (or cannot be checked), rather than the event it signs. */
    public boolean signatureProblem() {
        return signatureProblem;
    }

    static InvalidStripeWebhookException missingSignature() {
        return new InvalidStripeWebhookException("The Stripe-Signature header is missing", true);
    }

    static InvalidStripeWebhookException noSecret() {
        return new InvalidStripeWebhookException(
                "No Stripe-Signature can be verified: this server has no Stripe webhook secret", true);
    }

    static InvalidStripeWebhookException badSignature(Throwable cause) {
        // The SDK's message says which check failed (no matching signature, outside the tolerance…).
        return new InvalidStripeWebhookException("Stripe-Signature rejected: " + cause.getMessage(), true, cause);
    }

    static InvalidStripeWebhookException notAnEvent(Throwable cause) {
        return new InvalidStripeWebhookException("The body is not a Stripe event", false, cause);
    }

    static InvalidStripeWebhookException unreadableObject(String eventId, String type, String problem) {
        return new InvalidStripeWebhookException(
                "Event " + eventId + " (" + type + ") does not carry what it should: " + problem, false);
    }
}
