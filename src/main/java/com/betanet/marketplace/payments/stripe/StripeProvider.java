package com.betanet.marketplace.payments.stripe;

import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.provider.PaymentProvider;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.payments.provider.ProviderUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Card payments on Stripe. A payment is a PaymentIntent (idempotency key {@code payment-<paymentId>}) whose client
 * secret the client confirms with Stripe.js or a mobile SDK, so it starts as REQUIRES_ACTION; the
 * {@code payment_intent.*} webhooks settle it. Refunds use the Refund API (idempotency key {@code refund-<refundId>});
 * one that Stripe reports succeeded at once is settled right away, any other by {@code charge.refunded} or, when that
 * does not come, by the refund status job reading the refund ({@link #checkRefund}).
 */
@Component
@Conditional(StripeConfigured.class)
class StripeProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(StripeProvider.class);
    static final String REFUND_ID = "refund_id";

    private final StripeGateway stripe;
    private final PaymentSettlement settlement;
    /** Refunds Stripe answered with {@code succeeded}, until their reference is committed ({@link #refundAccepted}). */
    private final Set<UUID> succeededAtOnce = ConcurrentHashMap.newKeySet();

    private final TransactionTemplate newTransaction;

    StripeProvider(StripeGateway stripe, PaymentSettlement settlement, PlatformTransactionManager transactionManager) {
        this.stripe = stripe;
        this.settlement = settlement;
        this.newTransaction = new TransactionTemplate(transactionManager);
        // refundAccepted runs after the commit of the caller's transaction, whose connection is still bound: a
        // transaction of its own, or the settlement would join the finished one
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Provider provider() {
        return Provider.STRIPE;
    }

    @Override
    public StartResult start(PaymentRequest payment) {
        try {
            var intent = stripe.createPaymentIntent(
                    payment.paymentId(),
                    payment.purpose().name(),
                    payment.referenceId(),
                    payment.amount(),
                    "payment-" + payment.paymentId());
            return new StartResult.Started(intent.id(), intent.clientSecret(), !intent.succeeded());
        } catch (ProviderUnavailableException unavailable) {
            return new StartResult.Rejected("Card payments are busy; please try again in a moment");
        } catch (ProviderRefusedException refused) {
            return new StartResult.Rejected("The card payment could not be started: " + refused.getMessage());
        } catch (ProviderOutcomeUnknownException unknown) {
            // no client secret reached the payer, so nobody can confirm this intent: reconciliation fails it later
            return new StartResult.Unknown(unknown.getMessage());
        }
    }

    @Override
    public boolean withdraw(PaymentRequest payment, String paymentIntentId) {
        try {
            return "canceled".equals(stripe.cancelPaymentIntent(paymentIntentId).status());
        } catch (ProviderRefusedException | ProviderOutcomeUnknownException notNow) {
            // succeeded or processing meanwhile (Stripe refuses to cancel those), or no answer: not withdrawn
            log.info("PaymentIntent {} not cancelled: {}", paymentIntentId, notNow.getMessage());
            return false;
        }
    }

    @Override
    public ProviderStatus status(PaymentRequest payment, @Nullable String paymentIntentId) {
        if (paymentIntentId == null) {
            return new ProviderStatus.Pending();
        }
        StripePaymentIntent intent;
        try {
            intent = stripe.retrievePaymentIntent(paymentIntentId);
        } catch (ProviderOutcomeUnknownException | ProviderRefusedException noAnswer) {
            log.warn("Could not read PaymentIntent {}: {}", paymentIntentId, noAnswer.getMessage());
            return new ProviderStatus.Pending();
        }
        var eventId = "pi-status:" + paymentIntentId + ":" + intent.status();
        return switch (intent.status()) {
            case "succeeded" ->
                new ProviderStatus.Succeeded(
                        intent.amountReceived(),
                        eventId,
                        "{\"source\":\"payment-intent\",\"id\":\"" + paymentIntentId + "\",\"status\":\"succeeded\"}");
            case "canceled" -> new ProviderStatus.Failed("The card payment was cancelled", eventId);
            default -> new ProviderStatus.Pending();
        };
    }

    @Override
    public RefundResult refund(RefundRequest refund) {
        try {
            var created = stripe.refund(
                    refund.paymentReference(),
                    refund.amount(),
                    "refund-" + refund.refundId(),
                    Map.of(
                            REFUND_ID,
                            refund.refundId().toString(),
                            StripeGateway.PAYMENT_ID,
                            refund.paymentId().toString()));
            switch (created.status()) {
                case "succeeded" -> succeededAtOnce.add(refund.refundId());
                case "failed", "canceled" -> {
                    return new RefundResult.Rejected("Stripe did not refund: " + created.status());
                }
                default -> {} // pending, requires_action: charge.refunded confirms it
            }
            return new RefundResult.Accepted(created.id());
        } catch (ProviderRefusedException refused) {
            return new RefundResult.Rejected(refused.getMessage());
        } catch (ProviderUnavailableException unavailable) {
            return new RefundResult.Unavailable(unavailable.getMessage());
        } catch (ProviderOutcomeUnknownException unknown) {
            // the refund status job looks for it (checkRefund) before it is ever sent again
            return new RefundResult.Unknown(unknown.getMessage());
        }
    }

    /**
     * Reads the refund (by its id when its creation was answered, else by our refund id in its metadata among the
     * PaymentIntent's refunds). Not found means the creation never reached Stripe: sending it again is safe, and its
     * idempotency key makes it safe even if it did within the key's 24 hours.
     */
    @Override
    public RefundCheck checkRefund(RefundRequest refund, @Nullable String refundReference) {
        Optional<StripeRefund> found;
        try {
            found = refundReference != null
                    ? Optional.of(stripe.retrieveRefund(refundReference))
                    : stripe.findRefund(
                            refund.paymentReference(),
                            REFUND_ID,
                            refund.refundId().toString());
        } catch (ProviderRefusedException | ProviderOutcomeUnknownException noAnswer) {
            return new RefundCheck.Unknown(noAnswer.getMessage());
        }
        if (found.isEmpty()) {
            return new RefundCheck.NotFound();
        }
        var stripeRefund = found.get();
        return switch (stripeRefund.status()) {
            case "succeeded" ->
                new RefundCheck.Succeeded(
                        stripeRefund.id(),
                        "refund:" + stripeRefund.id(),
                        refundPayload(stripeRefund.id(), "succeeded"));
            case "failed", "canceled" ->
                new RefundCheck.Failed(
                        stripeRefund.id(),
                        "Stripe did not refund: " + stripeRefund.status()
                                + (stripeRefund.failureReason() == null
                                        ? ""
                                        : " (" + stripeRefund.failureReason() + ")"),
                        "refund:" + stripeRefund.id() + ":" + stripeRefund.status(),
                        refundPayload(stripeRefund.id(), stripeRefund.status()));
            default -> new RefundCheck.Pending(stripeRefund.id());
        };
    }

    @Override
    public void refundAccepted(RefundRequest refund, String refundReference) {
        if (succeededAtOnce.remove(refund.refundId())) {
            newTransaction.executeWithoutResult(tx -> settlement.refundSucceeded(
                    Provider.STRIPE,
                    refundReference,
                    "refund:" + refundReference,
                    refundPayload(refundReference, "succeeded")));
        }
    }

    private static String refundPayload(String refundId, String status) {
        return "{\"source\":\"refund\",\"id\":\"" + refundId + "\",\"status\":\"" + status + "\"}";
    }
}
