package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.application.PaymentInbox.Due;
import com.betanet.marketplace.payments.provider.Provider;
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
 * place is taken, it answers at once and this worker applies the documents due as places free up. Each document is
 * applied in a transaction of its own that first locks the document's row (so that nodes sharing the database never
 * apply one twice) and ends by noting its outcome. A document that fails is tried again after a growing delay (5 s, 10 s, 20 s … at most an hour), and
 * every node also looks for due documents every few seconds ({@code marketplace.payments.inbox.poll-every}), so one
 * recorded by a node that stopped before applying it is applied by the next node that looks.
 */
@Component
public class InboxWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(InboxWorker.class);
    static final int BATCH = 200;
    private static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(1);
    static final Duration LONGEST_LOCK_WAIT = Duration.ofSeconds(2);

    private final PaymentInbox inbox;
    private final Map<String, InboxDocuments> documents;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ExecutorService finder =
            Executors.newSingleThreadExecutor(new CustomizableThreadFactory("inbox-finder-"));
    private final ExecutorService appliers;
    /** The node's places for applying documents, shared by the worker's threads and the webhooks' own. */
    private final Semaphore places;

    private final AtomicBoolean requested = new AtomicBoolean();
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
    }

    /**
     * Records a provider's document and applies it now if a place is free, else in a moment; false when it was
     * recorded before (a redelivery). Once this returns the document is durable and the provider can be answered; a
     * failure to apply it is not the caller's (it is recorded, and the document tried again later).
     *
     * @throws com.betanet.marketplace.shared.web.ApiException 400 {@code validation_failed} when the database refuses
     *     the document's values (bad input)
     */
    public boolean accept(Provider provider, String externalId, String kind, String payload) {
        if (!documents.containsKey(kind)) {
            throw new IllegalArgumentException("No documents of kind " + kind + " can be applied");
        }
        try {
            if (!inbox.record(provider, externalId, kind, payload, now())) {
                return false;
            }
        } catch (DataIntegrityViolationException unstorable) {
            // PostgreSQL refuses the values themselves (SQLSTATE class 22): bad input, never applied
            log.warn(
                    "{} document {} refused: {}",
                    provider,
                    externalId,
                    unstorable.getMostSpecificCause().getMessage());
            throw PaymentErrors.unstorableDocument();
        }
        if (places.tryAcquire()) {
            try {
                apply(new Due(provider, externalId, kind, payload, 0));
            } finally {
                places.release();
            }
        } else {
            wake();
        }
        return true;
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
        while (true) {
            var due = inbox.due(now(), BATCH);
            if (due.isEmpty()) {
                return;
            }
            var done = due.stream()
                    .map(document -> CompletableFuture.supplyAsync(() -> applyInPlace(document), appliers))
                    .toList() // every document handed to the appliers before the first is waited for
                    .stream()
                    .filter(CompletableFuture::join)
                    .count();
            if (due.size() < BATCH || done == 0) {
                // all there was, or the rest is being applied by another node
                return;
            }
        }
    }

    private boolean applyInPlace(Due document) {
        places.acquireUninterruptibly();
        try {
            return apply(document);
        } finally {
            places.release();
        }
    }

    /**
     * True when the document is no longer due: applied, or put off after a failure; false when it was not taken
     * (another transaction is applying it, or has just applied it).
     */
    private boolean apply(Due document) {
        try {
            var applied = transactions.execute(status -> {
                // a document whose payment another transaction holds waits at most this long, then is tried later:
                // a webhook applying its own document answers in bounded time, and no place stays taken for long
                inbox.limitLockWaits(LONGEST_LOCK_WAIT);
                if (!inbox.claim(document.provider(), document.externalId(), now())) {
                    return false;
                }
                documents.get(document.kind()).apply(document.externalId(), document.payload());
                inbox.processedIfNot(document.provider(), document.externalId(), "IGNORED", now());
                return true;
            });
            return Boolean.TRUE.equals(applied);
        } catch (RuntimeException failure) {
            var attempt = document.attempts() + 1;
            var retryIn = retryDelay(attempt);
            log.atLevel(attempt >= 5 ? Level.ERROR : Level.WARN)
                    .setCause(failure)
                    .log(
                            "{} document {} ({}) could not be applied (attempt {}); trying again in {}",
                            document.provider(),
                            document.externalId(),
                            document.kind(),
                            attempt,
                            retryIn);
            try {
                inbox.failed(document.provider(), document.externalId(), failure.toString(), now(), retryIn);
            } catch (RuntimeException unrecorded) {
                log.warn("Could not record the failure of {}: {}", document.externalId(), unrecorded.toString());
            }
            return true;
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
        finder.shutdown();
        appliers.shutdown();
        // what is being applied finishes; what is not stays recorded for the next node that looks
        finder.awaitTermination(10, TimeUnit.SECONDS);
        appliers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
