package com.betanet.marketplace.payments.application;

/**
 * Applies the documents of one kind that a webhook recorded in the inbox to be applied later ({@link InboxWorker}).
 */
public interface InboxDocuments {

    /** The kind these documents are recorded under. */
    String kind();

    /**
     * Applies a document, in the caller's transaction, through {@link PaymentSettlement} (which notes the outcome in
     * the inbox), naming it there by {@code externalId}: the provider's id for it, or the id a contradicting
     * redelivery is applied under ({@link InboxWorker#accept}). A document of no interest is simply not applied.
     *
     * @throws RuntimeException when it cannot be applied now: the transaction rolls back and it is tried again later
     */
    void apply(String externalId, String payload);

    /**
     * Whether a redelivered document reports what the recorded one does, though it differs as JSON (Stripe counts
     * down an event's {@code pending_webhooks} from one delivery to the next, say); if not, the redelivery contradicts
     * the recorded report and is kept for an admin. Both documents were readable when they were received.
     */
    boolean sameReport(String recorded, String redelivered);
}
