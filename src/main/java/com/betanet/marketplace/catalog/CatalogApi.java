package com.betanet.marketplace.catalog;

import com.betanet.marketplace.shared.Money;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What other modules (ordering, reviews) may ask the catalog: product facts as of now, whatever their status. */
public interface CatalogApi {

    /** The facts an order line needs about a product. {@code stock} is what can still be reserved. */
    record ProductSnapshot(UUID id, UUID sellerId, String title, Money price, ProductStatus status, int stock) {}

    Optional<ProductSnapshot> product(UUID productId);

    /** {@link #product(UUID)} for many products in one query; unknown ids are left out of the map. */
    Map<UUID, ProductSnapshot> products(Collection<UUID> productIds);
}
