package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows locked by a transaction of its own, on another thread, until {@link #close()}: another transaction that wants
 * them waits meanwhile (or gives up, with a lock timeout).
 */
public final class HeldRows implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> holder;

    private HeldRows(TransactionTemplate transactions, JdbcClient jdbc, String selectForUpdate, Object... params) {
        var locked = new CountDownLatch(1);
        holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql(selectForUpdate).params(params).query().listOfRows();
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).as("rows locked").isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * Runs {@code selectForUpdate} (a {@code SELECT … FOR UPDATE}, or an {@code INSERT … RETURNING} whose new rows
     * others wait for) and keeps its transaction open; {@link #close()} commits it.
     */
    public static HeldRows lock(
            TransactionTemplate transactions, JdbcClient jdbc, String selectForUpdate, Object... params) {
        return new HeldRows(transactions, jdbc, selectForUpdate, params);
    }

    /** Whether the rows are still locked. */
    public boolean held() {
        return !holder.isDone();
    }

    /** Ends the holding transaction, committing what it did. */
    @Override
    public void close() throws Exception {
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
    }
}
