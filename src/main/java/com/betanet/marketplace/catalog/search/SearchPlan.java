package com.betanet.marketplace.catalog.search;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a search page reads its products ({@link ProductSearchSql.Access}), chosen from the request's shape and, for
 * words, the term dictionary's counts rather than left to the planner: its estimates are right, but it assumes the
 * matches are spread evenly along the sort order.
 *
 * @param walkBudget rows a {@link ProductSearchSql.Access#WALK} reads at most
 */
record SearchPlan(ProductSearchSql.Access access, int walkBudget) {

    /**
     * A query walks the sort index when a page of its matches is expected within a quarter of the rows that
     * collecting all its matches would read (both cost about one row visit per row); the margin covers matches that
     * are sparser than average at the start of the order.
     */
    static final int WALK_MARGIN = 4;

    /**
     * A walk gives up after about as many rows as the query is expected to match (at least this many): by then,
     * collecting every match costs no more than walking on, so a word that is rare at the start of the order (cheap
     * "gaming" products) costs at most about twice the plan that ignores the order.
     */
    static final int MIN_WALK_BUDGET = 4000;

    static final int MAX_WALK_BUDGET = 100_000;

    /** Subtrees beyond this many categories are left to the planner (one index range each is no longer cheap). */
    static final int MAX_MERGED_CATEGORIES = 500;

    /** The fallback after a walk that found less than a page. */
    static final SearchPlan COLLECT = new SearchPlan(ProductSearchSql.Access.COLLECT, 0);

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
                    0);
        }
        if (!walks(criteria, categoryIds, text)) {
            return COLLECT;
        }
        var budget = (int) Math.max(MIN_WALK_BUDGET, Math.min(MAX_WALK_BUDGET, text.matches()));
        return new SearchPlan(ProductSearchSql.Access.WALK, budget);
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

    /** Whether a result this short may only mean the walk's budget ran out, so the matches must be collected. */
    boolean fallsBackAfter(int rows, int fetch) {
        return access == ProductSearchSql.Access.WALK && rows < fetch;
    }
}
