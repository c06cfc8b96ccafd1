package com.betanet.marketplace.catalog.search;

import com.betanet.marketplace.catalog.application.ProductView;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Product search: validates the request, resolves the words (prefixes, spelling corrections) and the category subtree,
 * and reads one page with its images. Three to six short statements in one read-only transaction, whatever the page
 * size.
 *
 * <p>The transaction is a plain JDBC one: search reads no entities, so it skips the JPA transaction manager's
 * per-transaction Hibernate session (a few percent of a request's CPU at a few hundred requests a second).
 */
@Service
public class ProductSearchService {

    private final ProductSearchRepository repository;
    private final CursorCodec cursors;
    private final PriceQuantiles prices;

    private final TransactionTemplate readOnly;

    ProductSearchService(
            ProductSearchRepository repository, CursorCodec cursors, PriceQuantiles prices, DataSource dataSource) {
        this.repository = repository;
        this.cursors = cursors;
        this.prices = prices;
        this.readOnly = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    public Page<ProductView> search(ProductSearchRequest request) {
        // bad input is refused before a connection is taken
        var criteria = SearchCriteria.parse(request);
        var fingerprint = criteria.fingerprint();
        var after = after(criteria, fingerprint);
        if (criteria.hasText() && criteria.words().isEmpty()) {
            return new Page<>(List.of(), null); // only punctuation: nothing can match
        }
        var page = readOnly.execute(status -> read(criteria, fingerprint, after));
        return Objects.requireNonNull(page);
    }

    private Page<ProductView> read(SearchCriteria criteria, String fingerprint, @Nullable SearchCursor after) {
        repository.tuneTransaction();
        List<UUID> categoryIds = null;
        if (criteria.categoryId() != null) {
            categoryIds = repository.categorySubtree(criteria.categoryId());
            if (categoryIds.isEmpty()) {
                throw ApiException.validation("categoryId", "Is not a known category");
            }
        }
        String textQuery = null;
        WordStats.Resolved resolved = null;
        if (!criteria.words().isEmpty()) {
            resolved = repository.wordStats(criteria.words()).resolve(criteria.words());
            // later pages keep the first page's query (corrections included), so they match the same products
            textQuery = after != null && after.q() != null ? after.q() : resolved.textQuery();
        }
        var plan = SearchPlan.choose(criteria, categoryIds, resolved);
        int fetch = criteria.page().fetchSize();
        boolean ranked = criteria.sort() == SearchSort.RELEVANCE;
        var rows = repository.page(ProductSearchSql.page(criteria, textQuery, categoryIds, after, fetch, plan), ranked);
        while (plan.fallsBackAfter(rows.size(), fetch)) {
            // the walk's budget or the window ran out before a page of matches (or the matches ran out): try a window
            // of the price order, then all the matches
            plan = plan.next(criteria, after, Objects.requireNonNull(resolved), prices, rows.size());
            rows = repository.page(ProductSearchSql.page(criteria, textQuery, categoryIds, after, fetch, plan), ranked);
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
