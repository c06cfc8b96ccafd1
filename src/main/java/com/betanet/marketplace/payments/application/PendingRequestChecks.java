package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.shared.ClaimedBatches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Looks after requests to a provider (refunds, payouts) still PENDING when their check is due: one never handed to
 * its provider is sent; one that was sent but has no final answer (lost response, lost callback, queue timeout) is
 * asked about. Safe on any number of nodes: each request is claimed with {@code SKIP LOCKED} and leased until its next
 * check, and no lock is held during a provider call. One request's trouble does not hold up the others: it is logged
 * and the request is due again at its next check.
 *
 * @param <T> a claimed request
 */
public abstract class PendingRequestChecks<T> {

    static final int BATCH = 20;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration checkEvery;
    private final String what;

    /**
     * @param checkEvery how long after it was sent, or last asked about, a request is due (ISO or Spring duration)
     * @param what the requests, for the log ("refunds")
     */
    protected PendingRequestChecks(
            PlatformTransactionManager transactionManager, Clock clock, String checkEvery, String what) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.checkEvery = DurationStyle.detectAndParse(checkEvery);
        this.what = what;
    }

    /** Claims up to {@code limit} PENDING requests due at {@code now}, leasing them until {@code nextCheck}. */
    protected abstract List<T> claimDue(Instant now, Instant nextCheck, int limit);

    /** Sends {@code request} to its provider if it never reached it, else asks the provider what became of it. */
    protected abstract void lookAfter(T request);

    /** Runs {@link #check} for the current time; subclasses call it on their schedule. */
    protected void checkDue() {
        int checked = check(clock.instant());
        if (checked > 0) {
            log.info("Checked {} pending {}", checked, what);
        }
    }

    /** Sends or asks about every PENDING request due at {@code now}; returns how many it looked at. */
    public int check(Instant now) {
        var at = now.truncatedTo(ChronoUnit.MICROS);
        return ClaimedBatches.drain(
                transactions, BATCH, limit -> claimDue(at, at.plus(checkEvery), limit), this::lookAfterAlone);
    }

    private void lookAfterAlone(T request) {
        try {
            lookAfter(request);
        } catch (RuntimeException failure) {
            log.error("One of the pending {} could not be looked after: {}", what, request, failure);
        }
    }
}
