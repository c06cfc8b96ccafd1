package com.betanet.marketplace.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Which plan a search shape gets. */
class SearchPlanTests {

    private static final List<UUID> SUBTREE = List.of(UUID.randomUUID(), UUID.randomUUID());
    private static final WordStats.Resolved BROAD = new WordStats.Resolved("'black'", 0.12, 1_000_000);
    private static final WordStats.Resolved RARE = new WordStats.Resolved("'blender'", 0.0006, 1_000_000);

    @Test
    void walksTheSortIndexForABroadWordAndBudgetsTheWalkByItsMatches() {
        var plan = SearchPlan.choose(criteria("sort", "newest"), null, BROAD);
        assertThat(plan.access()).isEqualTo(ProductSearchSql.Access.WALK);
        assertThat(plan.walkBudget()).isEqualTo(SearchPlan.MAX_WALK_BUDGET);
        assertThat(plan.windowRows()).as("no window of the newest order").isZero();
        assertThat(SearchPlan.choose(
                                criteria("sort", "newest"), null, new WordStats.Resolved("'office'", 0.03, 1_000_000))
                        .walkBudget())
                .isEqualTo(30_000);
        assertThat(plan.fallsBackAfter(20, 21)).isTrue();
        assertThat(plan.fallsBackAfter(21, 21)).isFalse();
    }

    /**
     * The price order is walked only a few times as far as a page is expected to take; past that, a window of the
     * price order as large as the old walk's budget takes over, from where the walk started.
     */
    @Test
    void aShortWalkOfThePriceOrderHandsOverToAWindowThenToCollecting() {
        var portable = new WordStats.Resolved("'portable'", 0.04, 1_000_000);
        var walk = SearchPlan.choose(criteria("sort", "price_asc"), null, portable);
        assertThat(walk.access()).isEqualTo(ProductSearchSql.Access.WALK);
        assertThat(walk.walkBudget()).isEqualTo(2_100); // 21 rows expected within 525, four times that
        assertThat(walk.windowRows()).isEqualTo(40_000);
        assertThat(SearchPlan.choose(criteria("sort", "price_asc"), null, BROAD).walkBudget())
                .isEqualTo(SearchPlan.MIN_PRICE_WALK_BUDGET);

        // a price every 0.1 % of the products: 1, 2, ... 1000
        var prices = new PriceQuantiles(LongStream.rangeClosed(1, 1_000).toArray());
        var window = walk.next(criteria("sort", "price_asc"), null, portable, prices, 0);
        assertThat(window.access()).isEqualTo(ProductSearchSql.Access.WINDOW);
        assertThat(window.windowEnd())
                .as("8 % of the products (twice the walk's budget) from the start")
                .isEqualTo(81);
        assertThat(window.fallsBackAfter(20, 21)).isTrue();
        assertThat(window.next(criteria("sort", "price_asc"), null, portable, prices, 20))
                .isEqualTo(SearchPlan.COLLECT);
        var fromCursor = walk.next(
                criteria("sort", "price_asc"),
                new SearchCursor("f", "'portable'", null, 500L, null, null, null, UUID.randomUUID()),
                portable,
                prices,
                0);
        assertThat(fromCursor.windowEnd()).as("from the cursor's price on").isEqualTo(580);
        var inRange = walk.next(criteria("sort", "price_asc", "minPrice", "900"), null, portable, prices, 0);
        assertThat(inRange.windowEnd()).as("from the lowest price asked for").isEqualTo(980);
        assertThat(walk.next(criteria("sort", "price_asc", "minPrice", "990"), null, portable, prices, 0))
                .as("the window would reach the end of the order")
                .isEqualTo(SearchPlan.COLLECT);
        var descending = SearchPlan.choose(criteria("sort", "price_desc"), null, portable)
                .next(criteria("sort", "price_desc"), null, portable, prices, 0);
        assertThat(descending.windowEnd()).isEqualTo(920);
        var longer = walk.next(criteria("sort", "price_asc"), null, portable, prices, 7);
        assertThat(longer.access())
                .as("7 of 21 found: a walk long enough for a page at that density")
                .isEqualTo(ProductSearchSql.Access.WALK);
        assertThat(longer.walkBudget()).isEqualTo(9_450);
        assertThat(longer.next(criteria("sort", "price_asc"), null, portable, prices, 20))
                .isEqualTo(SearchPlan.COLLECT);
        assertThat(walk.next(criteria("sort", "price_asc"), null, portable, prices, 1)
                        .access())
                .as("a longer walk would exceed the budget")
                .isEqualTo(ProductSearchSql.Access.WINDOW);
        assertThat(walk.next(criteria("sort", "price_asc"), null, portable, new PriceQuantiles(new long[0]), 0))
                .as("no prices known yet")
                .isEqualTo(SearchPlan.COLLECT);
    }

    @Test
    void walksWhenAPageIsExpectedWithinAQuarterOfTheRowsCollectingWouldRead() {
        // 1.8 % of a million: a page within ~1 200 rows against 18 000 matches
        assertThat(SearchPlan.choose(
                                criteria("sort", "price_desc"),
                                null,
                                new WordStats.Resolved("'leather'", 0.018, 1_000_000))
                        .access())
                .isEqualTo(ProductSearchSql.Access.WALK);
        // 0.9 %: ~2 300 rows against 9 000 matches
        assertThat(SearchPlan.choose(
                        criteria("sort", "price_asc"), null, new WordStats.Resolved("'laptop'", 0.009, 1_000_000)))
                .isEqualTo(SearchPlan.COLLECT);
    }

    @Test
    void collectsTheMatchesOfARareWordOrWhenTheOrderIsNotAnIndex() {
        assertThat(SearchPlan.choose(criteria("sort", "price_asc"), null, RARE)).isEqualTo(SearchPlan.COLLECT);
        assertThat(SearchPlan.choose(criteria("sort", "relevance"), null, BROAD))
                .isEqualTo(SearchPlan.COLLECT);
        assertThat(SearchPlan.choose(criteria("sort", "newest"), SUBTREE, BROAD))
                .isEqualTo(SearchPlan.COLLECT);
        assertThat(SearchPlan.choose(criteria("sort", "newest", "minPrice", "100"), null, BROAD))
                .isEqualTo(SearchPlan.COLLECT);
        assertThat(SearchPlan.choose(criteria("sort", "price_asc", "minPrice", "100"), null, BROAD)
                        .access())
                .isEqualTo(ProductSearchSql.Access.WALK);
        assertThat(SearchPlan.COLLECT.fallsBackAfter(0, 21)).isFalse();
    }

    @Test
    void mergesCategoryRangesForAPlainCategoryBrowse() {
        assertThat(SearchPlan.choose(criteria("sort", "newest"), SUBTREE, null).access())
                .isEqualTo(ProductSearchSql.Access.CATEGORY_MERGE);
        assertThat(SearchPlan.choose(criteria("sort", "price_desc"), SUBTREE, null)
                        .access())
                .isEqualTo(ProductSearchSql.Access.CATEGORY_MERGE);
        assertThat(SearchPlan.choose(criteria("sort", "rating_desc"), SUBTREE, null)
                        .access())
                .isEqualTo(ProductSearchSql.Access.PLANNER);
        assertThat(SearchPlan.choose(criteria("sort", "newest", "inStock", "true"), SUBTREE, null)
                        .access())
                .isEqualTo(ProductSearchSql.Access.PLANNER);
        assertThat(SearchPlan.choose(criteria("sort", "newest"), null, null).access())
                .isEqualTo(ProductSearchSql.Access.PLANNER);
    }

    private static SearchCriteria criteria(String... pairs) {
        var values = new java.util.HashMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return SearchCriteria.parse(new ProductSearchRequest(
                values.containsKey("sort") && values.get("sort").equals("relevance") ? "black" : null,
                null,
                values.get("minPrice"),
                null,
                null,
                null,
                values.get("inStock"),
                values.get("sort"),
                null,
                null));
    }
}
