package com.betanet.marketplace.shared.web;

import org.jspecify.annotations.Nullable;

/** A validated {@code ?limit=&cursor=} pair: limit 1–100 (default 20); the cursor still opaque. */
public record PageRequest(int limit, @Nullable String cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(@Nullable Integer limit, @Nullable String cursor) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1 || effective > MAX_LIMIT) {
            throw ApiException.validation("limit", "Must be between 1 and " + MAX_LIMIT);
        }
        return new PageRequest(effective, cursor == null || cursor.isEmpty() ? null : cursor);
    }

    /** The number of rows to fetch: one more than the limit tells whether there is a next page. */
    public int fetchSize() {
        return limit + 1;
    }
}
