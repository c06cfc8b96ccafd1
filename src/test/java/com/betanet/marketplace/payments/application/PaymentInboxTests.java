package com.betanet.marketplace.payments.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.support.HeldRows;
import com.betanet.marketplace.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox's rules for taking a document, against PostgreSQL: a webhook's recorded document is taken by one
 * transaction at a time and never again once applied; a document applied where it was received is never taken again.
 * Documents here are of a kind of each test's own (and due in an hour), so the application's own inbox worker leaves
 * them alone.
 */
@IntegrationTest
class PaymentInboxTests {

    private static final String PAYLOAD = "{\"test\":true}";

    /** This test's kind of documents: only this test takes them, the application's own worker never does. */
    private final String kind = "TEST_" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    PaymentInbox inbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    private static String id() {
        return "test-" + UUID.randomUUID();
    }

    private static Instant inAnHour() {
        return Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
    }

    /** In a transaction of its own that never waits for a lock (it fails instead). */
    private boolean claimAlone(String externalId) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            neverWait();
            return inbox.claim(Provider.SIMULATOR, externalId);
        }));
    }

    /** Another node's attempt to take the document at {@code at}, holding it for {@link InboxWorker#LEASE}. */
    private boolean takenAlone(String externalId, Instant at) {
        return taken(externalId, at).isPresent();
    }

    private Optional<PaymentInbox.Due> taken(String externalId, Instant at) {
        return Objects.requireNonNull(transactions.execute(status -> {
            neverWait();
            return inbox.take(List.of(kind), at, at.plus(InboxWorker.LEASE), 100).stream()
                    .filter(document -> document.externalId().equals(externalId))
                    .findFirst();
        }));
    }

    /** In a transaction of its own that never waits for a lock (it fails instead). */
    private boolean receiveAlone(String externalId, Instant at) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            neverWait();
            return inbox.receive(Provider.SIMULATOR, externalId, PAYLOAD, at);
        }));
    }

    private void neverWait() {
        jdbc.sql("set local lock_timeout = '500ms'").update();
    }

    private boolean isDue(String externalId, Instant at) {
        return jdbc.sql("""
                        select count(*) from payment_inbox
                        where provider = 'SIMULATOR' and external_id = ? and kind is not null
                          and processed_at is null and next_attempt_at <= ?""")
                        .params(externalId, Timestamp.from(at))
                        .query(Long.class)
                        .single()
                == 1;
    }

    @Test
    void aRecordedDocumentIsTakenByOneTransactionAtATimeAndNeverAgainOnceApplied() throws Exception {
        var externalId = id();
        var at = inAnHour();
        assertThat(inbox.record(Provider.SIMULATOR, externalId, kind, PAYLOAD, at, at))
                .isEqualTo(new PaymentInbox.Recording(true, null));
        assertThat(inbox.record(Provider.SIMULATOR, externalId, kind, PAYLOAD, at, at))
                .as("a redelivery")
                .isEqualTo(new PaymentInbox.Recording(false, null));
        assertThat(isDue(externalId, at.minusSeconds(1))).isFalse();
        assertThat(isDue(externalId, at)).isTrue();

        var taken = new CountDownLatch(1);
        var checked = new CountDownLatch(1);
        var applier = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            var claimed = inbox.claim(Provider.SIMULATOR, externalId)
                    && inbox.receive(Provider.SIMULATOR, externalId, PAYLOAD, at);
            taken.countDown();
            try {
                checked.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            inbox.processed(Provider.SIMULATOR, externalId, "SUCCEEDED", Instant.now());
            return claimed;
        }));
        assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(claimAlone(externalId))
                .as("claimed while another transaction holds it")
                .isFalse();
        assertThat(takenAlone(externalId, at))
                .as("taken by another node while a transaction holds it")
                .isFalse();
        assertThat(receiveAlone(externalId, at))
                .as("received while another transaction holds it")
                .isFalse();
        checked.countDown();
        assertThat(applier.get(10, TimeUnit.SECONDS))
                .as("the holder claimed it, and receiving it within its own claim succeeds")
                .isTrue();

        assertThat(claimAlone(externalId)).as("claimed once applied").isFalse();
        assertThat(receiveAlone(externalId, at)).as("received once applied").isFalse();
        assertThat(isDue(externalId, at)).isFalse();
        assertThat(takenAlone(externalId, at.plus(Duration.ofDays(1))))
                .as("taken once applied")
                .isFalse();
    }

    @Test
    void aDocumentReceivedWhereItIsAppliedIsADuplicateEvenIfNoOutcomeWasNoted() {
        var externalId = id();
        var now = Instant.now();
        assertThat(receiveAlone(externalId, now)).isTrue();

        assertThat(receiveAlone(externalId, now)).isFalse();
        assertThat(claimAlone(externalId)).isFalse();
        assertThat(takenAlone(externalId, now.plus(Duration.ofDays(1)))).isFalse();
        assertThat(isDue(externalId, Instant.now().plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void aRedeliveryIsComparedWithTheRecordedDocumentAsJsonValues() {
        var externalId = id();
        var at = inAnHour();
        inbox.record(Provider.SIMULATOR, externalId, kind, "{\"a\":1,\"b\":[true]}", at, at);

        assertThat(inbox.record(Provider.SIMULATOR, externalId, kind, "{ \"b\": [true], \"a\": 1 }", at, at))
                .as("the same JSON value, written otherwise")
                .isEqualTo(new PaymentInbox.Recording(false, null));
        assertThat(inbox.record(Provider.SIMULATOR, externalId, kind, "{\"a\":2,\"b\":[true]}", at, at))
                .as("another value: the recorded document comes back, and stays recorded")
                .isEqualTo(new PaymentInbox.Recording(false, "{\"a\": 1, \"b\": [true]}"));
    }

    @Test
    void aTakenDocumentIsNotTakenByAnotherNodeWhileHeldNorBetweenAFailedAttemptAndItsRecord() {
        var externalId = id();
        var at = inAnHour();
        inbox.record(Provider.SIMULATOR, externalId, kind, PAYLOAD, at, at);

        assertThat(takenAlone(externalId, at))
                .as("taken by the first node that looks")
                .isTrue();
        assertThat(isDue(externalId, at.plusSeconds(1))).isFalse();
        assertThat(takenAlone(externalId, at.plusSeconds(1)))
                .as("taken by a second node")
                .isFalse();

        // the first node's attempt fails: its transaction rolls back before the failure is recorded
        var attempt = new IllegalStateException("the attempt fails");
        assertThat(catchThrowable(() -> transactions.executeWithoutResult(status -> {
                    assertThat(inbox.claim(Provider.SIMULATOR, externalId)).isTrue();
                    throw attempt;
                })))
                .isSameAs(attempt);
        assertThat(takenAlone(externalId, at.plusSeconds(2)))
                .as("taken by a second node before the failure is recorded")
                .isFalse();

        var failedAt = at.plusSeconds(2);
        inbox.failed(Provider.SIMULATOR, externalId, "boom", failedAt, InboxWorker.retryDelay(1));
        assertThat(isDue(externalId, failedAt.plusSeconds(4))).isFalse();
        // a node that listed it as due before does not take it before its time
        assertThat(takenAlone(externalId, failedAt.plusSeconds(4))).isFalse();
        assertThat(taken(externalId, failedAt.plusSeconds(5)))
                .hasValueSatisfying(document -> assertThat(document.attempts()).isEqualTo(1));
    }

    @Test
    void aNodeTakesAtMostItsBatchOfTheKindsItCanApplyOldestDueFirstAndAnotherNodeTheRest() {
        var at = inAnHour();
        var ids = List.of(id(), id(), id());
        for (int i = 0; i < ids.size(); i++) {
            inbox.record(Provider.SIMULATOR, ids.get(i), kind, PAYLOAD, at, at.minusSeconds(3 - i));
        }
        var otherKind = id();
        inbox.record(Provider.SIMULATOR, otherKind, "TEST_OTHER", PAYLOAD, at, at);

        var first = inbox.take(List.of(kind), at, at.plus(InboxWorker.LEASE), 2);
        assertThat(first).extracting(PaymentInbox.Due::externalId).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        var second = inbox.take(List.of(kind), at, at.plus(InboxWorker.LEASE), 2);
        assertThat(second).extracting(PaymentInbox.Due::externalId).containsExactly(ids.get(2));
        assertThat(inbox.take(List.of(kind), at.plus(InboxWorker.LEASE).minusSeconds(1), at, 2))
                .as("all held for a minute")
                .isEmpty();
        assertThat(isDue(otherKind, at))
                .as("a kind this node cannot apply is left to others")
                .isTrue();
    }

    @Test
    void theNodeHoldingADocumentWaitsForATransactionThatHasItsRowForAMomentWhereOthersPassItBy() throws Exception {
        var externalId = id();
        var at = inAnHour();
        inbox.record(Provider.SIMULATOR, externalId, kind, PAYLOAD, at, at);
        var held = HeldRows.lock(
                transactions,
                jdbc,
                "select 1 from payment_inbox where provider = 'SIMULATOR' and external_id = ? for update",
                externalId);

        assertThat(claimAlone(externalId)).as("passed by").isFalse();
        var holder = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            jdbc.sql("set local lock_timeout = '10s'").update();
            return inbox.claimHeld(Provider.SIMULATOR, externalId);
        }));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                                select count(*) from pg_stat_activity
                                where wait_event_type = 'Lock' and query like '%from payment_inbox%for update'""").query(Long.class).single() == 1);
        assertThat(holder).as("waiting").isNotDone();
        held.close();
        assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aDocumentHeldByANodeThatStoppedIsTakenOnceItsLeaseEnds() {
        var externalId = id();
        var at = inAnHour();
        // recorded by a webhook that went on to apply it, on a node that stopped before it could
        inbox.record(Provider.SIMULATOR, externalId, kind, PAYLOAD, at, at.plus(InboxWorker.LEASE));

        assertThat(takenAlone(externalId, at.plus(InboxWorker.LEASE).minusSeconds(1)))
                .isFalse();
        assertThat(takenAlone(externalId, at.plus(InboxWorker.LEASE))).isTrue();
    }

    @Test
    void theRetryDelayDoublesFromFiveSecondsUpToAnHour() {
        assertThat(InboxWorker.retryDelay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(InboxWorker.retryDelay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(InboxWorker.retryDelay(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(InboxWorker.retryDelay(10)).isEqualTo(Duration.ofSeconds(2_560));
        assertThat(InboxWorker.retryDelay(11)).isEqualTo(Duration.ofHours(1));
        assertThat(InboxWorker.retryDelay(1_000)).isEqualTo(Duration.ofHours(1));
    }
}
