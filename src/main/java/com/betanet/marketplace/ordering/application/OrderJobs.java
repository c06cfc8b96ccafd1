package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.PaymentsApi;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Background work of ordering, safe on any number of nodes at once: each batch claims its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so two nodes never work on the same checkout or order.
 */
@Component
public class OrderJobs {

    private static final Logger log = LoggerFactory.getLogger(OrderJobs.class);
    static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final OrderStore store;
    private final CatalogApi catalog;
    private final OrderMoney money;
    private final PaymentsApi payments;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration autoCompleteAfter;

    OrderJobs(
            JdbcClient jdbc,
            OrderStore store,
            CatalogApi catalog,
            OrderMoney money,
            PaymentsApi payments,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.ordering.auto-complete-after}") String autoCompleteAfter) {
        this.jdbc = jdbc;
        this.store = store;
        this.catalog = catalog;
        this.money = money;
        this.payments = payments;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.autoCompleteAfter = DurationStyle.detectAndParse(autoCompleteAfter);
    }

    /**
     * Every few seconds ({@code marketplace.ordering.jobs-every}): an unpaid checkout shows PENDING_PAYMENT at most
     * that long past its {@code expiresAt} (payments refuse it from then on), and its reserved units are back on sale
     * as soon. Both queries read a partial index of the few rows concerned.
     */
    @Scheduled(
            fixedDelayString = "${marketplace.ordering.jobs-every}",
            initialDelayString = "${marketplace.ordering.jobs-every}")
    void scheduled() {
        var now = clock.instant();
        int expired = expireCheckouts(now);
        int completed = autoComplete(now);
        if (expired + completed > 0) {
            log.info("Expired {} unpaid checkouts, auto-completed {} delivered orders", expired, completed);
        }
    }

    /**
     * Expires every checkout unpaid at {@code now}: its pending orders are cancelled and their reservations released.
     * A checkout with a payment in progress is left alone (the money may be on its way); it expires once that payment
     * has failed. Returns how many checkouts it expired.
     */
    public int expireCheckouts(Instant now) {
        int total = 0;
        var waiting = new ArrayList<UUID>();
        Batch batch;
        do {
            batch = java.util.Objects.requireNonNull(transactions.execute(status -> expireBatch(now, waiting)));
            total += batch.expired();
        } while (batch.claimed() == BATCH);
        return total;
    }

    private record Batch(int claimed, int expired) {}

    private Batch expireBatch(Instant now, List<UUID> waiting) {
        var at = now.truncatedTo(ChronoUnit.MICROS);
        // checkouts found waiting for their payment earlier in this run are passed over, not claimed again
        var query = jdbc.sql("select id from checkouts where status = 'PENDING_PAYMENT' and expires_at <= :at"
                        + (waiting.isEmpty() ? "" : " and id not in (:waiting)")
                        + " order by expires_at limit :limit for update skip locked")
                .param("at", Timestamp.from(at))
                .param("limit", BATCH);
        if (!waiting.isEmpty()) {
            query = query.param("waiting", waiting);
        }
        var ids = query.query(UUID.class).list();
        var paying = payments.withPendingPayment(PaymentPurpose.CHECKOUT, ids);
        waiting.addAll(paying);
        var released = new ArrayList<UUID>();
        int expired = 0;
        for (var checkoutId : ids) {
            if (paying.contains(checkoutId)) {
                continue;
            }
            for (var order : store.ordersOfCheckoutForUpdate(checkoutId)) {
                if (order.status() == OrderStatus.PENDING_PAYMENT) {
                    store.record(order, order.expire(at));
                    released.add(order.id());
                }
            }
            jdbc.sql("update checkouts set status = 'EXPIRED', updated_at = ?, version = version + 1 where id = ?")
                    .params(Timestamp.from(at), checkoutId)
                    .update();
            expired++;
        }
        // one release for the whole batch, in the catalog's fixed product order
        catalog.release(store.quantities(released));
        return new Batch(ids.size(), expired);
    }

    /** Completes orders DELIVERED longer than the configured time before {@code now}; returns how many. */
    public int autoComplete(Instant now) {
        int total = 0;
        int done;
        do {
            done = requireCount(transactions.execute(status -> autoCompleteBatch(now)));
            total += done;
        } while (done == BATCH);
        return total;
    }

    private int autoCompleteBatch(Instant now) {
        var at = now.truncatedTo(ChronoUnit.MICROS);
        var ids = jdbc.sql("""
                        select id from orders
                         where status = 'DELIVERED' and delivered_at <= ?
                         order by delivered_at limit ? for update skip locked""")
                .params(Timestamp.from(at.minus(autoCompleteAfter)), BATCH)
                .query(UUID.class)
                .list();
        for (var orderId : ids) {
            var order = store.find(orderId).orElseThrow();
            store.record(order, order.autoComplete(at));
            money.release(order);
        }
        return ids.size();
    }

    private static int requireCount(Integer value) {
        return java.util.Objects.requireNonNull(value);
    }
}
