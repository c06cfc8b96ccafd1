package com.betanet.marketplace.payments.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A node stopping while it applies a backlog: what it took is applied, and it takes nothing more, so no document stays
 * held for a minute by a node that is gone. A worker of its own here, for documents of a kind of its own (the
 * application's worker never takes them).
 */
@IntegrationTest
class InboxWorkerShutdownTests {

    private final String kind = "TEST_" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    PaymentInbox inbox;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTheDocuments() {
        jdbc.sql("delete from payment_inbox where kind = ?").param(kind).update();
    }

    private Map<String, Object> states() {
        return jdbc.sql("""
                        select count(*) filter (where processed_at is not null) as applied,
                               count(*) filter (where processed_at is null and next_attempt_at <= now()) as due,
                               count(*) filter (where processed_at is null and next_attempt_at > now()) as held
                        from payment_inbox where kind = ?""").param(kind).query().singleRow();
    }

    @Test
    void aStoppingNodeAppliesWhatItTookAndTakesNoMore() throws Exception {
        var started = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var slow = new InboxDocuments() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void apply(String externalId, String payload) {
                started.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public boolean sameReport(String recorded, String redelivered) {
                return true;
            }
        };
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < 40; i++) {
            inbox.record(Provider.SIMULATOR, "stop-" + UUID.randomUUID(), kind, "{}", now, now);
        }
        var worker = new InboxWorker(inbox, List.of(slow), transactionManager, Clock.systemUTC(), 1);
        worker.wake();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(states())
                .as("one batch taken, the rest due")
                .containsEntry("held", 16L)
                .containsEntry("due", 24L);

        var stopped = CompletableFuture.runAsync(() -> {
            try {
                worker.destroy();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        release.countDown();
        stopped.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> states().get("applied").equals(16L));
        assertThat(states()).as("nothing left held").containsEntry("held", 0L).containsEntry("due", 24L);
    }
}
