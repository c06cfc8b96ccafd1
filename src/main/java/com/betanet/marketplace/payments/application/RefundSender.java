package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.provider.PaymentProvider.RefundRequest;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundResult;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends recorded refunds to their provider, after the transaction that recorded them committed. A send whose outcome
 * is unknown leaves its publication failed; nothing resubmits it until a restart republishes it. For Stripe the refund
 * id is the idempotency key, so that retry cannot refund twice (within Stripe's 24 h key window). For M-Pesa the retry
 * re-sends the B2C payment with the same OriginatorConversationID, which Daraja is not documented to deduplicate:
 * known gap — a status job should ask Daraja (Transaction Status) before any re-send, as payouts do.
 */
@Component
class RefundSender {

    private static final Logger log = LoggerFactory.getLogger(RefundSender.class);

    private final PaymentStore store;
    private final PaymentProviders providers;
    private final PaymentSettlement settlement;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RefundSender(
            PaymentStore store,
            PaymentProviders providers,
            PaymentSettlement settlement,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.providers = providers;
        this.settlement = settlement;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    // no transaction around the provider call: a slow provider must not hold a database connection
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RefundRequested requested) {
        var refund = store.findRefund(requested.refundId()).orElseThrow();
        if (!"PENDING".equals(refund.status()) || refund.providerReference() != null) {
            return;
        }
        var payment = store.find(refund.paymentId()).orElseThrow();
        var adapter = providers.adapter(payment.provider());
        var request = new RefundRequest(
                refund.id(),
                payment.id(),
                payment.method(),
                java.util.Objects.requireNonNull(payment.providerReference()),
                refund.amount(),
                payment.phoneNumber(),
                refund.reason() == null ? "Refund" : refund.reason());
        var result = adapter.refund(request);
        if (result instanceof RefundResult.Accepted accepted) {
            transactions.executeWithoutResult(tx -> {
                store.refundAccepted(
                        refund.id(),
                        accepted.providerReference(),
                        clock.instant().truncatedTo(ChronoUnit.MICROS));
                afterCommit(() -> adapter.refundAccepted(request, accepted.providerReference()));
            });
        } else if (result instanceof RefundResult.Rejected rejected) {
            settlement.refundRejected(payment.id(), refund.id(), rejected.reason());
        } else if (result instanceof RefundResult.Unknown unknown) {
            // thrown so the outbox keeps the publication and retries it; the provider dedupes by refund id
            throw new IllegalStateException("Refund " + refund.id() + " outcome unknown: " + unknown.reason());
        }
        log.debug("Refund {} sent to {}", refund.id(), payment.provider());
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
