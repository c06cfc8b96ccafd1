package com.betanet.marketplace.payments.payout;

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
 * Looks after payouts still PENDING when their check is due: one whose B2C request was never handed to the provider
 * is sent; one that was sent but has no answer (lost result, queue timeout) gets a Transaction Status query. Safe on
 * any number of nodes: each payout is claimed with {@code SKIP LOCKED} and leased until its next check, and no lock
 * is held during a provider call.
 */
@Component
public class PayoutStatusChecks {

    private static final Logger log = LoggerFactory.getLogger(PayoutStatusChecks.class);
    static final int BATCH = 20;

    private final PayoutStore store;
    private final PayoutSender sender;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration statusAfter;

    PayoutStatusChecks(
            PayoutStore store,
            PayoutSender sender,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.payouts.status-after}") String statusAfter) {
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
            log.info("Checked {} pending payouts", checked);
        }
    }

    /** Sends or asks about every PENDING payout due at {@code now}; returns how many it looked at. */
    public int check(Instant now) {
        var at = now.truncatedTo(ChronoUnit.MICROS);
        return ClaimedBatches.drain(
                transactions, BATCH, limit -> store.claimDue(at, at.plus(statusAfter), limit), this::lookAfter);
    }

    private void lookAfter(Payout payout) {
        if (payout.sentAt() == null) {
            sender.send(payout.id());
        } else {
            sender.askStatus(payout.id());
        }
    }
}
