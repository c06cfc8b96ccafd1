package com.betanet.marketplace.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A seller created, edited or archived a product (published in the same transaction, so it is never lost). Carries
 * ids and the new status only: listeners that need more read it through {@link CatalogApi}.
 */
public record ProductChanged(UUID productId, UUID sellerId, ProductStatus status, Instant at) {}
