package com.betanet.marketplace.shared.web;

import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The contract's list shape: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    public <R> Page<R> map(Function<? super T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /**
     * Cuts a result fetched with {@code limit + 1} rows down to {@code limit} and, when there was a further row, makes
     * the cursor from the last row kept.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, String> cursorOf) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(List.copyOf(rowsPlusOne), null);
        }
        var items = List.copyOf(rowsPlusOne.subList(0, limit));
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
    }
}
