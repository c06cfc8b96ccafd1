package com.betanet.marketplace.catalog.search;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * How a search page reads its products ({@link ProductSearchSql.Access}), chosen from the request's shape and, for
 * words, the term dictionary's counts rather than left to the planner: its estimates are right, but it assumes the
 * matches are spread evenly along the sort order.
 *
 * @param walkBudget rows a {@link ProductSearchSql.Access#WALK} reads at most
 * @param windowRows for a short walk of the price order: about as many rows as the query matches, what a longer walk
 *     stays within and half what a {@link ProductSearchSql.Access#WINDOW} spans (see {@link #next}); 0: neither, the
 *     matches are collected
 * @param windowEnd for a {@link ProductSearchSql.Access#WINDOW}: the price where it ends
 */
record SearchPlan(ProductSearchSql.Access access, int walkBudget, int windowRows, long windowEnd) {

    /**
     * A query walks the sort index when a page of its matches is expected within a quarter of the rows that
     * collecting all its matches would read (both cost about one row visit per row); the margin covers matches that
     * are sparser than average at the start of the order.
     */
    static final int WALK_MARGIN = 4;

    /**
     * A walk of an order with no window gives up after about as many rows as the query is expected to match (at least
     * this many): by then, collecting every match costs no more than walking on, so a word that is rare at the start of
     * the order costs at most about twice the plan that ignores the order.
     */
    static final int MIN_WALK_BUDGET = 4000;

    static final int MAX_WALK_BUDGET = 100_000;

    /**
     * A walk of the price order gives up after {@link #WALK_MARGIN} times the rows a page is expected in (at least
     * this many); a longer walk or a {@link ProductSearchSql.Access#WINDOW} takes over ({@link #next}): a word rare
     * among the cheapest products ("portable", "gaming") then costs two index bitmaps and the few matches in the
     * window, instead of a walk through tens of thousands of rows.
     */
    static final int MIN_PRICE_WALK_BUDGET = 2000;

    /** Subtrees beyond this many categories are left to the planner (one index range each is no longer cheap). */
    static final int MAX_MERGED_CATEGORIES = 500;

    /** The fallback after a walk that found less than a page. */
    static final SearchPlan COLLECT = new SearchPlan(ProductSearchSql.Access.COLLECT, 0, 0, 0);

    /**
     * @param categoryIds the category filter's subtree, or null
     * @param text the resolved words, or null without words
     */
    static SearchPlan choose(
            SearchCriteria criteria, @Nullable List<UUID> categoryIds, WordStats.@Nullable Resolved text) {
        if (text == null) {
            return new SearchPlan(
                    mergesCategories(criteria, categoryIds)
                            ? ProductSearchSql.Access.CATEGORY_MERGE
                            : ProductSearchSql.Access.PLANNER,
                    0,
                    0,
                    0);
        }
        if (!walks(criteria, categoryIds, text)) {
            return COLLECT;
        }
        var budget = (int) Math.max(MIN_WALK_BUDGET, Math.min(MAX_WALK_BUDGET, text.matches()));
        if (criteria.sort() == SearchSort.PRICE_ASC || criteria.sort() == SearchSort.PRICE_DESC) {
            var expectedWalk = criteria.page().fetchSize() / text.fraction();
            var walk = (int) Math.min(budget, Math.max(MIN_PRICE_WALK_BUDGET, expectedWalk * WALK_MARGIN));
            return new SearchPlan(ProductSearchSql.Access.WALK, walk, budget, 0);
        }
        return new SearchPlan(ProductSearchSql.Access.WALK, budget, 0, 0);
    }

    /**
     * What to try after this walk or window found only {@code found} rows, less than a page. After a short walk of the
     * price order that found some: a walk long enough for a page at the density it saw (half again as long), if that
     * is within {@link #windowRows}. After one that found none (a word rare among the first prices: its matches may
     * be far away, and walking there costs a row visit per row), or when the longer walk would exceed that: a window
     * of twice {@link #windowRows} rows from where the walk started (past the cursor, inside the price range). Else,
     * or when the window would reach the end of the order, all the matches.
     */
    SearchPlan next(
            SearchCriteria criteria,
            @Nullable SearchCursor after,
            WordStats.Resolved text,
            PriceQuantiles prices,
            int found) {
        if (access != ProductSearchSql.Access.WALK || windowRows == 0 || text.products() <= 0) {
            return COLLECT;
        }
        if (found > 0) {
            var needed = Math.ceil(1.5 * walkBudget * criteria.page().fetchSize() / found);
            if (needed <= windowRows) {
                return new SearchPlan(ProductSearchSql.Access.WALK, (int) needed, 0, 0);
            }
        }
        boolean ascending = criteria.sort() == SearchSort.PRICE_ASC;
        // the window starts at the cursor or at the price range's start, whichever comes later in the order
        var from = Stream.of(after == null ? null : after.p(), ascending ? criteria.minPrice() : criteria.maxPrice())
                .filter(Objects::nonNull)
                .reduce(ascending ? Math::max : Math::min)
                .orElse(null);
        var end = prices.windowEnd(ascending, from, 2.0 * windowRows / text.products());
        return end.isPresent()
                ? new SearchPlan(ProductSearchSql.Access.WINDOW, 0, windowRows, end.getAsLong())
                : COLLECT;
    }

    /**
     * Walk the sort index only for a sort index (not relevance), a broad enough query, and no category or seller filter
     * (those have their own indexes and make the matches sparse along the sort order). A price range bounds the walk
     * of a price sort, but makes a walk in another order sparse.
     */
    private static boolean walks(SearchCriteria criteria, @Nullable List<UUID> categoryIds, WordStats.Resolved text) {
        var sort = criteria.sort();
        if (sort == SearchSort.RELEVANCE || categoryIds != null || criteria.sellerId() != null) {
            return false;
        }
        boolean priceRange = criteria.minPrice() != null || criteria.maxPrice() != null;
        if (priceRange && sort != SearchSort.PRICE_ASC && sort != SearchSort.PRICE_DESC) {
            return false;
        }
        if (text.fraction() <= 0) {
            return false;
        }
        double expectedWalk = criteria.page().fetchSize() / text.fraction();
        return expectedWalk * WALK_MARGIN <= text.matches();
    }

    /** A category browsed by newest or price with no other filter: merge the categories' own index ranges. */
    private static boolean mergesCategories(SearchCriteria criteria, @Nullable List<UUID> categoryIds) {
        var sort = criteria.sort();
        return categoryIds != null
                && categoryIds.size() <= MAX_MERGED_CATEGORIES
                && (sort == SearchSort.NEWEST || sort == SearchSort.PRICE_ASC || sort == SearchSort.PRICE_DESC)
                && criteria.minPrice() == null
                && criteria.maxPrice() == null
                && criteria.minRating() == null
                && criteria.sellerId() == null
                && !criteria.inStockOnly();
    }

    /**
     * Whether a result this short may only mean the walk's budget or the window ran out, so a window or else all the
     * matches must be tried.
     */
    boolean fallsBackAfter(int rows, int fetch) {
        return (access == ProductSearchSql.Access.WALK || access == ProductSearchSql.Access.WINDOW) && rows < fetch;
    }
}
