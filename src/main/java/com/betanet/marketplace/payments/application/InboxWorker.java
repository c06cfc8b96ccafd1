package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.application.PaymentInbox.Due;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies the webhooks' documents. A webhook records its document ({@link #accept}); when one of the node's
 * {@code marketplace.payments.inbox.appliers} places is free, the webhook's own thread applies it before answering (so
 * that, in the ordinary course, the payment has moved when the provider gets its answer); in a burst, when every
 * place is taken, it answers at once and this worker applies the documents due as places free up. A node applying a
 * document first holds it for a while ({@link #LEASE}: recorded so by the webhook applying its own, taken so by the
 * worker, a few at a time), so that no other node tries it meanwhile, and applies it in a transaction of its own that
 * locks the document's row (so that it is never applied twice) and ends by noting its outcome. A document that fails
 * is tried again after a growing delay (5 s, 10 s, 20 s … at most an hour), and every node also looks for due
 * documents every few seconds ({@code marketplace.payments.inbox.poll-every}), so one recorded by a node that stopped
 * before applying it is applied by the next node that looks (a minute later, if that node held it).
 */
@Component
public class InboxWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    /** Documents taken at a time, per place: enough to keep the places busy, few enough to leave some to other nodes. */
    private static final int BATCH_PER_PLACE = 16;

    private static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(1);
    static final Duration LONGEST_LOCK_WAIT = Duration.ofSeconds(2);
    /** From this attempt on, a failure is logged as an error: it has failed for over a minute (5+10+20+40 s). */
    private static final int ERROR_FROM_ATTEMPT = 5;
    /**
     * How long a node holds a document it is applying before another may try it: far longer than an attempt takes
     * (its lock waits are bounded), so it only matters when the node stops mid-attempt.
     */
    static final Duration LEASE = Duration.ofMinutes(1);
    /** What the id of a contradicting redelivery ends with: it is applied under the provider's id and this. */
    static final String CONTRADICTING = "/contradicting";

    private final PaymentInbox inbox;
    private final Map<String, InboxDocuments> documents;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService finder =
            Executors.newSingleThreadExecutor(new CustomizableThreadFactory("inbox-finder-"));
    private final ExecutorService appliers;
    /** The node's places for applying documents, shared by the worker's threads and the webhooks' own. */
    private final Semaphore places;

    private final int batch;

    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopping;
    private final AtomicBoolean running = new AtomicBoolean();

    InboxWorker(
            PaymentInbox inbox,
            List<InboxDocuments> documents,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.inbox.appliers}") int appliers) {
        this.inbox = inbox;
        this.documents = documents.stream().collect(Collectors.toMap(InboxDocuments::kind, Function.identity()));
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.appliers =
                Executors.newFixedThreadPool(Math.max(1, appliers), new CustomizableThreadFactory("inbox-applier-"));
        this.places = new Semaphore(Math.max(1, appliers));
        this.batch = BATCH_PER_PLACE * Math.max(1, appliers);
    }

    /**
     * Records a provider's document and applies it now if a place is free, else in a moment; false when it was
     * recorded before: a redelivery, which changes nothing, unless its report contradicts the recorded one (a success
     * callback after a failure one for the same request): that one is kept for an admin, and applied as a report of
     * its own, under the provider's id and {@link #CONTRADICTING} (once: a third report contradicting that one is
     * only kept, on its row). Once this returns the document is durable and the provider can be answered; a
     * failure to apply it is not the caller's (it is recorded, and the document tried again later).
     *
     * @throws com.betanet.marketplace.shared.web.ApiException 400 {@code validation_failed} when the database refuses
     *     the document's values (bad input)
     */
    public boolean accept(Provider provider, String externalId, String kind, String payload) {
        if (!documents.containsKey(kind)) {
            throw new IllegalArgumentException("No documents of kind " + kind + " can be applied");
        }
        var recording = recordAndApply(provider, externalId, kind, payload);
        if (recording.isNew()) {
            return true;
        }
        var recorded = recording.recordedDiffering();
        if (recorded != null && !sameReport(kind, recorded, payload)) {
            log.warn(
                    "{} document {} delivered again contradicts the one recorded: kept for an admin"
                            + " (payment_inbox.contradicted_by) and applied as a report of its own",
                    provider,
                    externalId);
            inbox.contradicted(provider, externalId, payload, now());
            if (!externalId.endsWith(CONTRADICTING)) {
                // the settlement's rules decide what it changes, as for any report: a success after a failure counts
                // (the money came), a failure never undoes a success, another amount goes to suspense
                // (a third report contradicting this one is kept on its row)
                try {
                    accept(provider, externalId + CONTRADICTING, kind, payload);
                } catch (ApiException unstorable) {
                    // an id at the column's length, say: kept, as above, and left to the admin
                    log.warn("{} document {} could not be recorded as a report of its own", provider, externalId);
                }
            }
        }
        return false;
    }

    /** Records the document and, if it is new, applies it now if a place is free, else wakes the worker. */
    private PaymentInbox.Recording recordAndApply(Provider provider, String externalId, String kind, String payload) {
        var applyingNow = places.tryAcquire();
        try {
            var now = now();
            // applied here, it is recorded held by this node; else due at once, for the worker
            var recording = record(provider, externalId, kind, payload, now, applyingNow ? now.plus(LEASE) : now);
            if (recording.isNew()) {
                if (applyingNow) {
                    apply(new Due(provider, externalId, kind, payload, 0));
                } else {
                    wake();
                }
            }
            return recording;
        } finally {
            if (applyingNow) {
                places.release();
            }
        }
    }

    /** A comparison that fails (it should not: both documents were read before) counts as a contradiction. */
    private boolean sameReport(String kind, String recorded, String redelivered) {
        try {
            return documents.get(kind).sameReport(recorded, redelivered);
        } catch (RuntimeException incomparable) {
            log.warn("Could not compare a redelivered document with the recorded one: {}", incomparable.toString());
            return false;
        }
    }

    private PaymentInbox.Recording record(
            Provider provider, String externalId, String kind, String payload, Instant now, Instant dueAt) {
        try {
            return inbox.record(provider, externalId, kind, payload, now, dueAt);
        } catch (DataIntegrityViolationException unstorable) {
            // PostgreSQL refuses the values themselves (SQLSTATE class 22): bad input, never applied
            log.warn(
                    "{} document {} refused: {}",
                    provider,
                    externalId,
                    unstorable.getMostSpecificCause().getMessage());
            throw PaymentErrors.unstorableDocument();
        }
    }

    @Scheduled(
            initialDelayString = "${marketplace.payments.inbox.poll-every}",
            fixedDelayString = "${marketplace.payments.inbox.poll-every}")
    void poll() {
        wake();
    }

    /** Starts looking for due documents, unless a look is under way: then it looks once more when done. */
    void wake() {
        requested.set(true);
        if (running.compareAndSet(false, true)) {
            try {
                finder.execute(this::run);
            } catch (RejectedExecutionException stopping) {
                running.set(false);
            }
        }
    }

    private void run() {
        try {
            while (requested.getAndSet(false)) {
                applyDue();
            }
        } catch (RuntimeException unavailable) {
            // e.g. the database is away: the next poll tries again
            log.warn("Could not look for provider documents to apply: {}", unavailable.toString());
        } finally {
            running.set(false);
        }
        if (requested.get()) {
            wake();
        }
    }

    private void applyDue() {
        List<Due> taken;
        do {
            if (stopping) {
                return;
            }
            var now = now();
            taken = inbox.take(documents.keySet(), now, now.plus(LEASE), batch);
            taken.stream()
                    .map(document -> CompletableFuture.runAsync(() -> applyInPlace(document), appliers))
                    .toList() // every document handed to the appliers before the first is waited for
                    .forEach(CompletableFuture::join);
        } while (taken.size() == batch);
    }

    private void applyInPlace(Due document) {
        places.acquireUninterruptibly();
        try {
            apply(document);
        } finally {
            places.release();
        }
    }

    /** Applies a document this node holds the lease of; a failure is recorded, and puts the next attempt off. */
    private void apply(Due document) {
        try {
            transactions.executeWithoutResult(status -> {
                // a document whose payment another transaction holds waits at most this long, then is tried later:
                // a webhook applying its own document answers in bounded time, and no place stays taken for long
                inbox.limitLockWaits(LONGEST_LOCK_WAIT);
                if (inbox.claimHeld(document.provider(), document.externalId())) {
                    documents.get(document.kind()).apply(document.externalId(), document.payload());
                    inbox.processedIfNot(document.provider(), document.externalId(), "IGNORED", now());
                }
            });
        } catch (RuntimeException failure) {
            var attempt = document.attempts() + 1;
            var retryIn = retryDelay(attempt);
            var line = log.atLevel(attempt >= ERROR_FROM_ATTEMPT ? Level.ERROR : Level.WARN);
            if (attempt == 1 || attempt == ERROR_FROM_ATTEMPT) {
                // the stack trace once, and again when it turns into an error; the other attempts say what failed
                line = line.setCause(failure);
            }
            line.log(
                    "{} document {} ({}) could not be applied (attempt {}: {}); trying again in {}",
                    document.provider(),
                    document.externalId(),
                    document.kind(),
                    attempt,
                    failure.toString(),
                    retryIn);
            try {
                inbox.failed(document.provider(), document.externalId(), failure.toString(), now(), retryIn);
            } catch (RuntimeException unrecorded) {
                // it is tried again once the lease ends
                log.warn("Could not record the failure of {}: {}", document.externalId(), unrecorded.toString());
            }
        }
    }

    /** 5 s after the first failure, doubling with each further one, at most an hour. */
    static Duration retryDelay(int attempt) {
        var delay = Duration.ofSeconds(5L << Math.min(Math.max(attempt - 1, 0), 20));
        return delay.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : delay;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public void destroy() throws InterruptedException {
        // no batch is taken any more (it would stay held for a minute, unapplied); the one being applied finishes,
        // and what is not taken stays recorded for the next node that looks
        stopping = true;
        finder.shutdown();
        finder.awaitTermination(20, TimeUnit.SECONDS);
        appliers.shutdown();
        appliers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
