package com.betanet.marketplace.catalog;

/**
 * Where a product is in its life. Only ACTIVE products are shown to buyers and found by search; DRAFT and ARCHIVED
 * ones are seen by their seller alone. Archiving replaces deletion, so past orders keep pointing at the product.
 */
public enum ProductStatus {
    DRAFT,
    ACTIVE,
    ARCHIVED;

    public boolean isVisibleToBuyers() {
        return this == ACTIVE;
    }
}
