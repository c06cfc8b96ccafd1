package com.betanet.marketplace.shared;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Work that jobs on several nodes share through the database: each batch is claimed in a short transaction of its own
 * (typically an {@code UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)} that leases the rows until their next
 * turn), then every item is handled outside it, so no lock or connection is held during slow calls to providers.
 */
public final class ClaimedBatches {

    private ClaimedBatches() {}

    /**
     * Claims batches of up to {@code size} items and hands each item to {@code each}, until a batch comes back short.
     * Returns how many items were claimed.
     */
    public static <T> int drain(
            TransactionOperations transactions, int size, IntFunction<List<T>> claim, Consumer<T> each) {
        int claimed = 0;
        List<T> batch;
        do {
            batch = Objects.requireNonNull(transactions.execute(tx -> claim.apply(size)));
            batch.forEach(each);
            claimed += batch.size();
        } while (batch.size() == size);
        return claimed;
    }
}
