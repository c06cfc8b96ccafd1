package com.betanet.marketplace.catalog;

import com.betanet.marketplace.shared.Money;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
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

    /** A line that could not be reserved: how many were asked for and how many could still be had. */
    record StockShortage(UUID productId, int requested, int available) {}

    /**
     * Reserves {@code quantities} (product id → units) with one conditional update per product, in one fixed order of
     * product ids so that concurrent reservations cannot deadlock. Runs in the caller's transaction (required). Every
     * line is tried; the result lists the lines that were short, and when it is not empty the caller must roll back
     * (the other lines stay reserved until then).
     */
    List<StockShortage> reserve(Map<UUID, Integer> quantities);

    /** Gives reserved units back (an unpaid checkout expired or was cancelled). In the caller's transaction. */
    void release(Map<UUID, Integer> quantities);

    /** Turns reserved units into sold ones: on hand and reserved both go down. In the caller's transaction. */
    void commitSale(Map<UUID, Integer> quantities);

    /** Puts sold units back on hand (a paid order was cancelled before shipping). In the caller's transaction. */
    void restock(Map<UUID, Integer> quantities);

    /** The rating a product shows: its reviews' average (2 decimals) and count. */
    record Rating(BigDecimal average, int count) {}

    /**
     * The rating the product shows now, also when it was rated before any review was written here (imported or
     * generated catalogues): what the totals of its reviews start from.
     */
    Optional<Rating> rating(UUID productId);

    /**
     * Sets a product's rating from the exact totals of its reviews (average rounded to 2 decimals; 0 without
     * reviews). In the caller's transaction.
     */
    void setRating(UUID productId, long ratingSum, int ratingCount);
}
