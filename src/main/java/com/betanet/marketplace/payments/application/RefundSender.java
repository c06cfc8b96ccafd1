package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.provider.PaymentProvider;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundCheck;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundRequest;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundResult;
import com.betanet.marketplace.payments.provider.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Talks to the providers about refunds, after the transactions that recorded them committed, with no database
 * transaction open during a provider call. A refund is sent once: the right to send it is claimed and committed first,
 * so neither a re-delivered {@link RefundRequested} (after a crash or restart) nor the status job sends it again. A
 * send with no definite answer is never repeated blindly: {@link RefundStatusChecks} asks the provider about it
 * ({@link #check}), and only a provider that has surely never seen it ({@link RefundCheck.NotFound}: Stripe, whose
 * idempotency key makes even that safe) gets it again. M-Pesa cannot prove that, so an M-Pesa refund is asked about
 * (Transaction Status) until Daraja answers, never sent twice.
 */
@Component
class RefundSender {

    private static final Logger log = LoggerFactory.getLogger(RefundSender.class);

    private final PaymentStore store;
    private final PaymentProviders providers;
    private final PaymentSettlement settlement;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration statusAfter;
    private final Duration retryAfter;

    RefundSender(
            PaymentStore store,
            PaymentProviders providers,
            PaymentSettlement settlement,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.refunds.status-after}") String statusAfter,
            @Value("${marketplace.payments.refunds.retry-after}") String retryAfter) {
        this.store = store;
        this.providers = providers;
        this.settlement = settlement;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.statusAfter = DurationStyle.detectAndParse(statusAfter);
        this.retryAfter = DurationStyle.detectAndParse(retryAfter);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RefundRequested requested) {
        send(requested.refundId());
    }

    /** Sends the refund to its provider, unless it was sent before or is no longer PENDING. */
    void send(UUID refundId) {
        var claimedAt = now();
        var claimed =
                transactions.execute(tx -> store.claimRefundSend(refundId, claimedAt, claimedAt.plus(statusAfter)));
        if (!Boolean.TRUE.equals(claimed)) {
            return;
        }
        var refund = refund(refundId);
        var result = refund.adapter().refund(refund.request());
        if (result instanceof RefundResult.Accepted accepted) {
            transactions.executeWithoutResult(tx -> {
                store.refundAccepted(refundId, accepted.providerReference(), now());
                afterCommit(() -> refund.adapter().refundAccepted(refund.request(), accepted.providerReference()));
            });
            log.info("Refund {} accepted by {} as {}", refundId, refund.provider(), accepted.providerReference());
        } else if (result instanceof RefundResult.Rejected rejected) {
            settlement.refundRejected(refund.request().paymentId(), refundId, rejected.reason());
        } else if (result instanceof RefundResult.Unavailable unavailable) {
            var now = now();
            transactions.executeWithoutResult(tx -> store.refundUnsent(refundId, now.plus(retryAfter), now));
            log.warn(
                    "Refund {} could not reach {} ({}); sent again later",
                    refundId,
                    refund.provider(),
                    unavailable.reason());
        } else if (result instanceof RefundResult.Unknown unknown) {
            log.warn(
                    "Refund {} sent to {} with no definite answer ({}); the refund status job asks about it",
                    refundId,
                    refund.provider(),
                    unknown.reason());
        }
    }

    /** Asks the provider what became of a sent refund that is still PENDING, and applies a final answer. */
    void check(UUID refundId) {
        var refund = refund(refundId);
        if (!"PENDING".equals(refund.status())) {
            return;
        }
        var check = refund.adapter().checkRefund(refund.request(), refund.providerReference());
        if (check instanceof RefundCheck.Succeeded succeeded) {
            transactions.executeWithoutResult(tx -> {
                store.refundAccepted(refundId, succeeded.providerReference(), now());
                settlement.refundSucceeded(
                        refund.provider(),
                        succeeded.providerReference(),
                        succeeded.externalEventId(),
                        succeeded.payloadJson());
            });
        } else if (check instanceof RefundCheck.Failed failed) {
            transactions.executeWithoutResult(tx -> {
                store.refundAccepted(refundId, failed.providerReference(), now());
                settlement.refundFailed(
                        refund.provider(),
                        failed.providerReference(),
                        failed.externalEventId(),
                        failed.reason(),
                        failed.payloadJson());
            });
        } else if (check instanceof RefundCheck.Pending pending) {
            transactions.executeWithoutResult(tx -> store.refundAccepted(refundId, pending.providerReference(), now()));
        } else if (check instanceof RefundCheck.NotFound) {
            log.warn("{} has no trace of refund {}: it is sent again", refund.provider(), refundId);
            var now = now();
            transactions.executeWithoutResult(tx -> store.refundUnsent(refundId, now, now));
            send(refundId);
        } else if (check instanceof RefundCheck.Unknown unknown) {
            log.warn(
                    "Could not learn what became of refund {} at {}: {}",
                    refundId,
                    refund.provider(),
                    unknown.reason());
        }
    }

    private PendingRefund refund(UUID refundId) {
        var refund = store.findRefund(refundId).orElseThrow();
        var payment = store.find(refund.paymentId()).orElseThrow();
        var request = new RefundRequest(
                refund.id(),
                payment.id(),
                payment.method(),
                Objects.requireNonNull(payment.providerReference()),
                refund.amount(),
                payment.phoneNumber(),
                refund.reason() == null ? "Refund" : refund.reason());
        return new PendingRefund(refund, payment, providers.adapter(payment.provider()), request);
    }

    private record PendingRefund(
            PaymentStore.Refund refund, Payment payment, PaymentProvider adapter, RefundRequest request) {

        String status() {
            return refund.status();
        }

        @Nullable
        String providerReference() {
            return refund.providerReference();
        }

        Provider provider() {
            return payment.provider();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
