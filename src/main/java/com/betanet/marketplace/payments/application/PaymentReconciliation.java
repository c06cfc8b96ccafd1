package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.provider.PaymentProvider.ProviderStatus;
import com.betanet.marketplace.shared.ClaimedBatches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks the provider about payments still PENDING a while after they started (a callback may have been lost), and
 * applies the answer through {@link PaymentSettlement} like a callback. Safe on any number of nodes: each payment is
 * claimed with {@code SKIP LOCKED} and leased until its next check, and no lock is held during the provider call.
 */
@Component
public class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    static final int BATCH = 20;

    private final PaymentStore store;
    private final PaymentProviders providers;
    private final PaymentSettlement settlement;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration checkEvery;

    PaymentReconciliation(
            PaymentStore store,
            PaymentProviders providers,
            PaymentSettlement settlement,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.reconcile-after}") String checkEvery) {
        this.store = store;
        this.providers = providers;
        this.settlement = settlement;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.checkEvery = DurationStyle.detectAndParse(checkEvery);
    }

    @Scheduled(fixedDelayString = "PT60S", initialDelayString = "PT60S")
    void scheduled() {
        int settled = reconcile(clock.instant());
        if (settled > 0) {
            log.info("Reconciliation settled {} pending payments", settled);
        }
    }

    /** Checks every payment due at {@code now}; returns how many the providers' answers settled. */
    public int reconcile(Instant now) {
        var at = now.truncatedTo(ChronoUnit.MICROS);
        var settled = new AtomicInteger();
        ClaimedBatches.drain(
                transactions, BATCH, limit -> store.claimDueForCheck(at, at.plus(checkEvery), limit), payment -> {
                    if (settle(payment, at)) {
                        settled.incrementAndGet();
                    }
                });
        return settled.get();
    }

    /** Asks the payment's provider about it; true when the answer settled it. */
    private boolean settle(Payment payment, Instant now) {
        var status = providers.adapter(payment.provider()).status(payment.request(), payment.providerReference());
        var reference = payment.providerReference();
        if (reference == null) {
            // the start's answer was lost and the provider cannot find it either: after a while, give up on it
            if (status instanceof ProviderStatus.Pending
                    && payment.createdAt().isBefore(now.minus(checkEvery.multipliedBy(2)))) {
                settlement.unanswered(payment.id(), "The payment provider never confirmed the request");
                return true;
            }
            return false;
        }
        if (status instanceof ProviderStatus.Succeeded succeeded) {
            settlement.succeeded(
                    payment.provider(),
                    reference,
                    succeeded.externalEventId(),
                    succeeded.received(),
                    succeeded.payloadJson());
            return true;
        }
        if (status instanceof ProviderStatus.Failed failed) {
            settlement.failed(
                    payment.provider(),
                    reference,
                    failed.externalEventId(),
                    failed.reason(),
                    "{\"source\":\"status-query\"}");
            return true;
        }
        return false;
    }
}
