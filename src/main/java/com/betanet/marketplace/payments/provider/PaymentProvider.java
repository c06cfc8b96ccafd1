package com.betanet.marketplace.payments.provider;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.shared.Money;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payment provider as payments uses it. Every call is made outside any database transaction and carries our own
 * id (payment or refund id) as the provider's idempotency key where the provider has one, so a retried call after a
 * timeout cannot charge or refund twice.
 */
public interface PaymentProvider {

    Provider provider();

    /** Asks the provider to collect {@code payment} (an STK push, a PaymentIntent). */
    StartResult start(PaymentRequest payment);

    /** Called once the provider reference of a started payment is committed (callbacks can now find it). */
    default void started(PaymentRequest payment, String providerReference) {}

    /**
     * Withdraws a started payment that still waits for its payer (a PaymentIntent not confirmed yet), so that it can no
     * longer be paid, before a new attempt for the same reference starts. True when it is withdrawn; false when it
     * cannot be (the payer completed it meanwhile, the provider gave no answer, or the provider has no such thing).
     */
    default boolean withdraw(PaymentRequest payment, String providerReference) {
        return false;
    }

    /** Asks the provider to pay {@code refund} back to the payer. */
    RefundResult refund(RefundRequest refund);

    /** Called once the provider reference of an accepted refund is committed. */
    default void refundAccepted(RefundRequest refund, String providerReference) {}

    /**
     * Finds out what became of a refund sent earlier that has no final answer yet: the call's answer was lost
     * ({@code providerReference} is null) or its result never came. Never sends the refund.
     */
    RefundCheck checkRefund(RefundRequest refund, @Nullable String providerReference);

    /** What the provider knows of a payment that is still PENDING here (a callback may have been lost). */
    ProviderStatus status(PaymentRequest payment, @Nullable String providerReference);

    /** A payment to collect: the amount is the server's, {@code phoneNumber} normalised ({@code 2547XXXXXXXX}). */
    record PaymentRequest(
            UUID paymentId,
            PaymentPurpose purpose,
            UUID referenceId,
            PaymentMethod method,
            Money amount,
            @Nullable String phoneNumber) {}

    /** A refund of {@code amount} of a succeeded payment known to the provider as {@code paymentReference}. */
    record RefundRequest(
            UUID refundId,
            UUID paymentId,
            PaymentMethod method,
            String paymentReference,
            Money amount,
            @Nullable String phoneNumber,
            String reason) {}

    sealed interface StartResult {
        /** The provider took the request; the outcome comes by callback. */
        record Started(String providerReference, @Nullable String clientSecret, boolean requiresAction)
                implements StartResult {}

        /** The provider definitely refused (bad number, declined): the payment fails now. */
        record Rejected(String reason) implements StartResult {}

        /** No answer (timeout, 5xx): the provider may have accepted; the reconciliation job finds out. */
        record Unknown(String reason) implements StartResult {}
    }

    sealed interface RefundResult {
        record Accepted(String providerReference) implements RefundResult {}

        /** The provider definitely did not take it and never will: the refund fails, its money stays in escrow. */
        record Rejected(String reason) implements RefundResult {}

        /** The request surely never reached the provider: it may be sent again later. */
        record Unavailable(String reason) implements RefundResult {}

        /** No definite answer: the provider may have taken it. Not sent again until a check shows it did not. */
        record Unknown(String reason) implements RefundResult {}
    }

    /** What a provider knows of a refund, asked by the refund status job. */
    sealed interface RefundCheck {
        /** Paid back; {@code externalEventId} names this observation in the inbox. */
        record Succeeded(String providerReference, String externalEventId, String payloadJson) implements RefundCheck {}

        /** Definitely not paid back: the refund fails, its money stays in escrow. */
        record Failed(String providerReference, String reason, String externalEventId, String payloadJson)
                implements RefundCheck {}

        /** The provider has the refund and has not finished it. */
        record Pending(String providerReference) implements RefundCheck {}

        /** The provider surely has no such refund (the request never got there): it may be sent again. */
        record NotFound() implements RefundCheck {}

        /** The question was asked; the answer comes later by callback (M-Pesa's Transaction Status result). */
        record Asked() implements RefundCheck {}

        /** Nothing could be learnt now: asked again at the next check. */
        record Unknown(String reason) implements RefundCheck {}
    }

    sealed interface ProviderStatus {
        record Pending() implements ProviderStatus {}

        /** Paid: {@code externalEventId} names this observation in the inbox (the same as the callback's, if any). */
        record Succeeded(Money received, String externalEventId, String payloadJson) implements ProviderStatus {}

        record Failed(String reason, String externalEventId) implements ProviderStatus {}
    }
}
