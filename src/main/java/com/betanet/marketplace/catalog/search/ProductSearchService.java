package com.betanet.marketplace.catalog.search;

import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Product search: validates the request, resolves the words (prefixes, spelling corrections) and the category subtree,
 * and reads one page with its images. Three to five short statements in one read-only transaction, whatever the page
 * size.
 */
@Service
public class ProductSearchService {

    private final ProductSearchRepository repository;
    private final CursorCodec cursors;

    ProductSearchService(ProductSearchRepository repository, CursorCodec cursors) {
        this.repository = repository;
        this.cursors = cursors;
    }

    /**
     * A broad query walks the sort index when its matches are expected within this many rows: dense enough that the
     * walk is far cheaper than collecting every match (a broad word matches tens of thousands of products).
     */
    static final int WALK_EXPECTED_ROWS = 1000;

    /**
     * A walk gives up after about as many rows as the query is expected to match (at least this many): by then,
     * collecting every match costs no more than walking on, so a word that is rare at the start of the order (cheap
     * "gaming" products) costs at most twice the plan that ignores the order.
     */
    static final int MIN_WALK_BUDGET = 4000;

    static final int MAX_WALK_BUDGET = 100_000;

    @Transactional(readOnly = true)
    public Page<ProductView> search(ProductSearchRequest request) {
        var criteria = SearchCriteria.parse(request);
        var fingerprint = criteria.fingerprint();
        var after = after(criteria, fingerprint);
        if (criteria.hasText() && criteria.words().isEmpty()) {
            return new Page<>(List.of(), null); // only punctuation: nothing can match
        }
        repository.tuneTransaction();
        List<UUID> categoryIds = null;
        if (criteria.categoryId() != null) {
            categoryIds = repository.categorySubtree(criteria.categoryId());
            if (categoryIds.isEmpty()) {
                throw ApiException.validation("categoryId", "Is not a known category");
            }
        }
        String textQuery = null;
        int walkBudget = MIN_WALK_BUDGET;
        var access = mergesCategories(criteria, categoryIds)
                ? ProductSearchSql.Access.CATEGORY_MERGE
                : ProductSearchSql.Access.PLANNER;
        if (!criteria.words().isEmpty()) {
            var resolved = repository.wordStats(criteria.words()).resolve(criteria.words());
            // later pages keep the first page's query (corrections included), so they match the same products
            textQuery = after != null && after.q() != null ? after.q() : resolved.textQuery();
            access = walks(criteria, categoryIds, resolved.fraction())
                    ? ProductSearchSql.Access.WALK
                    : ProductSearchSql.Access.COLLECT;
            walkBudget = walkBudget(resolved);
        }
        int fetch = criteria.page().fetchSize();
        var rows = repository.page(
                ProductSearchSql.page(criteria, textQuery, categoryIds, after, fetch, access, walkBudget),
                criteria.sort() == SearchSort.RELEVANCE);
        if (access == ProductSearchSql.Access.WALK && rows.size() < fetch) {
            // the walk's budget ran out before a page of matches (or the matches ran out): collect them instead
            rows = repository.page(
                    ProductSearchSql.page(
                            criteria, textQuery, categoryIds, after, fetch, ProductSearchSql.Access.COLLECT, 0),
                    false);
        }
        var finalTextQuery = textQuery;
        var page = Page.of(
                rows,
                criteria.page().limit(),
                last -> cursors.encode(cursorAfter(last, fingerprint, finalTextQuery, criteria.sort())));
        var images = repository.images(
                page.items().stream().map(ProductSearchRepository.Row::id).toList());
        return page.map(row -> row.toView(images.getOrDefault(row.id(), List.of())));
    }

    /**
     * Whether to walk the sort index: only for a sort index (not relevance), a broad query, and no category or seller
     * filter (those have their own indexes and make the matches sparse along the sort order). A price range bounds
     * the walk of a price sort, but makes a walk in another order sparse.
     */
    static boolean walks(SearchCriteria criteria, @Nullable List<UUID> categoryIds, double fraction) {
        var sort = criteria.sort();
        if (sort == SearchSort.RELEVANCE || categoryIds != null || criteria.sellerId() != null) {
            return false;
        }
        boolean priceRange = criteria.minPrice() != null || criteria.maxPrice() != null;
        if (priceRange && sort != SearchSort.PRICE_ASC && sort != SearchSort.PRICE_DESC) {
            return false;
        }
        return fraction > 0 && criteria.page().fetchSize() / fraction <= WALK_EXPECTED_ROWS;
    }

    static int walkBudget(WordStats.Resolved resolved) {
        return (int) Math.max(MIN_WALK_BUDGET, Math.min(MAX_WALK_BUDGET, resolved.matches()));
    }

    /** Subtrees beyond this many categories are left to the planner (one index range each is no longer cheap). */
    static final int MAX_MERGED_CATEGORIES = 500;

    /** Whether a category browse takes each category's first page from its own index (no words, no other filter). */
    static boolean mergesCategories(SearchCriteria criteria, @Nullable List<UUID> categoryIds) {
        var sort = criteria.sort();
        return categoryIds != null
                && categoryIds.size() <= MAX_MERGED_CATEGORIES
                && criteria.words().isEmpty()
                && (sort == SearchSort.NEWEST || sort == SearchSort.PRICE_ASC || sort == SearchSort.PRICE_DESC)
                && criteria.minPrice() == null
                && criteria.maxPrice() == null
                && criteria.minRating() == null
                && criteria.sellerId() == null
                && !criteria.inStockOnly();
    }

    private @Nullable SearchCursor after(SearchCriteria criteria, String fingerprint) {
        var raw = criteria.page().cursor();
        if (raw == null) {
            return null;
        }
        var cursor = cursors.decode(raw, SearchCursor.class);
        if (!cursor.f().equals(fingerprint) || !cursor.fits(criteria.sort())) {
            throw ApiException.validation("cursor", "Belongs to a different search; start again without a cursor");
        }
        return cursor;
    }

    private static SearchCursor cursorAfter(
            ProductSearchRepository.Row last, String fingerprint, @Nullable String textQuery, SearchSort sort) {
        return switch (sort) {
            case RELEVANCE -> new SearchCursor(fingerprint, textQuery, last.rank(), null, null, null, null, last.id());
            case NEWEST ->
                new SearchCursor(fingerprint, textQuery, null, null, last.createdAt(), null, null, last.id());
            case PRICE_ASC, PRICE_DESC ->
                new SearchCursor(fingerprint, textQuery, null, last.priceAmount(), null, null, null, last.id());
            case RATING_DESC ->
                new SearchCursor(
                        fingerprint, textQuery, null, null, null, last.ratingAverage(), last.ratingCount(), last.id());
        };
    }
}
