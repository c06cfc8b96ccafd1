package com.betanet.marketplace.catalog.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The prices of the active products at every 0.1 % of them, in this node's memory: where a window of a given share of
 * the products ends along the price order, for {@link ProductSearchSql.Access#WINDOW}. Recomputed now and then (one
 * sort of the active prices: about 0.3 s of database time at a million products); a stale or missing table only makes
 * a window larger or smaller than meant, never a search wrong.
 */
@Component
class PriceQuantiles {

    static final int STEPS = 1000;

    /** The prices at every 1/{@link #STEPS} of the active products, as one array (null without products). */
    static final String QUANTILES = """
            select percentile_disc(array(select g / cast(%d as float8) from generate_series(1, %d) g))
                   within group (order by price_amount)
            from products
            where status = 'ACTIVE'""".formatted(STEPS, STEPS);

    private final @Nullable JdbcClient jdbc;

    /** {@code quantiles[k]}: the price below or at which {@code (k + 1) / STEPS} of the active products lie. */
    private volatile long[] quantiles = new long[0];

    @Autowired
    PriceQuantiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fixed quantiles, as {@link #QUANTILES} reads them (for the search benchmark's replay and for tests). */
    PriceQuantiles(long[] quantiles) {
        this.jdbc = null;
        this.quantiles = quantiles.clone();
    }

    @Scheduled(
            initialDelayString = "${marketplace.catalog.price-quantiles-initial-delay:PT10S}",
            fixedDelayString = "${marketplace.catalog.price-quantiles-refresh:PT5M}")
    void refresh() {
        if (jdbc == null) {
            return;
        }
        quantiles = jdbc.sql(QUANTILES).query((rs, n) -> read(rs)).single();
    }

    /** The row of {@link #QUANTILES} as an array (empty without active products). */
    static long[] read(ResultSet row) throws SQLException {
        var array = row.getArray(1);
        return array == null
                ? new long[0]
                : Arrays.stream((Long[]) array.getArray())
                        .mapToLong(Long::longValue)
                        .toArray();
    }

    /**
     * The price where a window of {@code share} of the active products ends, starting at {@code from} (or at the
     * start of the order) and going up ({@code ascending}) or down; empty when the window reaches the end of the
     * order or nothing is known yet.
     */
    OptionalLong windowEnd(boolean ascending, @Nullable Long from, double share) {
        var known = quantiles;
        if (known.length == 0) {
            return OptionalLong.empty();
        }
        int steps = (int) Math.max(1, Math.ceil(share * known.length));
        if (ascending) {
            int start = from == null ? 0 : firstAtLeast(known, from);
            int end = start + steps;
            return end < known.length ? OptionalLong.of(known[end]) : OptionalLong.empty();
        }
        int start = from == null ? known.length - 1 : firstAtLeast(known, from + 1) - 1;
        int end = start - steps;
        return end >= 0 ? OptionalLong.of(known[end]) : OptionalLong.empty();
    }

    /** The first index whose price is at least {@code price} ({@code known.length} if none). */
    private static int firstAtLeast(long[] known, long price) {
        int low = 0;
        int high = known.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (known[middle] < price) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
