package com.betanet.marketplace.catalog.search;

import java.util.Arrays;
import java.util.Optional;

/** The orders of {@code GET /products}; each ends in the product id, so a position in it is unique. */
public enum SearchSort {
    RELEVANCE("relevance"),
    NEWEST("newest"),
    PRICE_ASC("price_asc"),
    PRICE_DESC("price_desc"),
    RATING_DESC("rating_desc");

    private final String value;

    SearchSort(String value) {
        this.value = value;
    }

    /** The value of the {@code sort} parameter. */
    public String value() {
        return value;
    }

    static Optional<SearchSort> parse(String value) {
        return Arrays.stream(values()).filter(sort -> sort.value.equals(value)).findFirst();
    }
}
