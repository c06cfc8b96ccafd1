package com.betanet.marketplace.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.IntegrationTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which transactions commit without waiting for the disk: the registry's own bookkeeping, and no other. (The tests'
 * throw-away database waits for no disk at all, so each transaction here starts as a production one would.)
 */
@IntegrationTest
class AsynchronousEventBookkeepingTests {

    @Autowired
    EventPublicationRepository publications;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    JdbcClient jdbc;

    /** {@code synchronous_commit} as it stands after the repository marked a publication completed in the transaction. */
    private String synchronousCommitAfterMarkingIn(String transactionName) {
        var transaction = new TransactionTemplate(transactionManager);
        transaction.setName(transactionName);
        transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return transaction.execute(status -> {
            jdbc.sql("set local synchronous_commit = on").update();
            publications.markCompleted(UUID.randomUUID(), Instant.now());
            return jdbc.sql("select current_setting('synchronous_commit')")
                    .query(String.class)
                    .single();
        });
    }

    @Test
    void theRegistrysBookkeepingTransactionsCommitWithoutWaitingForTheDisk() {
        assertThat(publications).isInstanceOf(AsynchronousEventBookkeeping.Relaxing.class);
        assertThat(synchronousCommitAfterMarkingIn(AsynchronousEventBookkeeping.REGISTRY + "markCompleted"))
                .isEqualTo("off");
    }

    @Test
    void anyOtherTransactionWaitsAsBefore() {
        assertThat(synchronousCommitAfterMarkingIn("com.betanet.marketplace.ordering.SomeService.confirm"))
                .isEqualTo("on");
        assertThat(synchronousCommitAfterMarkingIn(AsynchronousEventBookkeeping.REGISTRY + "markCompleted"))
                .isEqualTo("off");
        assertThat(synchronousCommitAfterMarkingIn("com.betanet.marketplace.payments.SomeService.settle"))
                .as("the setting stays with the transaction that made it")
                .isEqualTo("on");
    }
}
