package com.betanet.marketplace.catalog.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a page ended: the sort key of its last product and that product's id, plus what makes the next page consistent
 * with this one — the fingerprint of the query that issued it and the resolved full-text query (spelling corrections
 * included), so later pages match the same products even if the term dictionary changes meanwhile.
 *
 * @param f fingerprint of the {@link SearchCriteria}
 * @param q the {@code tsquery} text, when the search has words
 * @param r relevance rank (sort relevance)
 * @param p price in minor units (price sorts)
 * @param t creation time (newest)
 * @param a rating average and {@code n} rating count (rating_desc)
 * @param id the last product's id, the tie breaker of every sort
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SearchCursor(
        String f,
        @Nullable String q,
        @Nullable Float r,
        @Nullable Long p,
        @Nullable Instant t,
        @Nullable BigDecimal a,
        @Nullable Integer n,
        UUID id) {

    /** Whether the cursor carries the sort key its sort needs (a cursor is signed, so this is a consistency check). */
    boolean fits(SearchSort sort) {
        return switch (sort) {
            case RELEVANCE -> r != null && q != null;
            case NEWEST -> t != null;
            case PRICE_ASC, PRICE_DESC -> p != null;
            case RATING_DESC -> a != null && n != null;
        };
    }
}
