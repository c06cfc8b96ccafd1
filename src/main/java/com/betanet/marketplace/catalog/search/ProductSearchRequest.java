package com.betanet.marketplace.catalog.search;

import org.jspecify.annotations.Nullable;

/**
 * The query parameters of {@code GET /products} exactly as received, so that every malformed value becomes a 400
 * problem naming its parameter rather than a conversion error.
 */
public record ProductSearchRequest(
        @Nullable String q,
        @Nullable String categoryId,
        @Nullable String minPrice,
        @Nullable String maxPrice,
        @Nullable String minRating,
        @Nullable String sellerId,
        @Nullable String inStock,
        @Nullable String sort,
        @Nullable String limit,
        @Nullable String cursor) {

    public static ProductSearchRequest empty() {
        return new ProductSearchRequest(null, null, null, null, null, null, null, null, null, null);
    }
}
