package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.shared.ClaimedBatches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks after refunds still PENDING when their check is due: one never handed to its provider is sent; one that was
 * sent but has no final answer (lost response, lost callback, queue timeout) is asked about. Safe on any number of
 * nodes: each refund is claimed with {@code SKIP LOCKED} and leased until its next check, and no lock is held during
 * a provider call.
 */
@Component
public class RefundStatusChecks {

    private static final Logger log = LoggerFactory.getLogger(RefundStatusChecks.class);
    static final int BATCH = 20;

    private final PaymentStore store;
    private final RefundSender sender;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration statusAfter;

    RefundStatusChecks(
            PaymentStore store,
            RefundSender sender,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.refunds.status-after}") String statusAfter) {
        this.store = store;
        this.sender = sender;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.statusAfter = DurationStyle.detectAndParse(statusAfter);
    }

    @Scheduled(fixedDelayString = "PT60S", initialDelayString = "PT60S")
    void scheduled() {
        int checked = check(clock.instant());
        if (checked > 0) {
            log.info("Checked {} pending refunds", checked);
        }
    }

    /** Sends or asks about every PENDING refund due at {@code now}; returns how many it looked at. */
    public int check(Instant now) {
        var at = now.truncatedTo(ChronoUnit.MICROS);
        return ClaimedBatches.drain(
                transactions, BATCH, limit -> store.claimDueRefunds(at, at.plus(statusAfter), limit), this::lookAfter);
    }

    private void lookAfter(PaymentStore.DueRefund refund) {
        try {
            if (refund.sent()) {
                sender.check(refund.id());
            } else {
                sender.send(refund.id());
            }
        } catch (RuntimeException failure) {
            // one refund's trouble must not hold up the others; it is due again at its next check
            log.error("Refund {} could not be looked after", refund.id(), failure);
        }
    }
}
