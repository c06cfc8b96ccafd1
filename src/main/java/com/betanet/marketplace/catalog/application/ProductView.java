package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.shared.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The contract's {@code Product}. {@code stock} is what buyers can still order ({@code on_hand - reserved}); images
 * come ordered by position.
 */
@Schema(name = "Product")
public record ProductView(
        UUID id,
        String title,
        String description,
        Category category,
        Price price,
        int stock,
        ProductStatus status,
        Seller seller,
        Rating rating,
        List<ImageView> images,
        Instant createdAt,
        Instant updatedAt) {

    public record Category(UUID id, String name, String slug) {}

    /**
     * The contract's Money, {@code {amount, currency}}. Not {@link Money} itself: Jackson would add its {@code
     * isNegative()} as a {@code negative} property.
     */
    public record Price(long amount, String currency) {
        public static Price of(Money money) {
            return new Price(money.amount(), money.currency());
        }
    }

    public record Seller(UUID id, String username, @Nullable String shopName) {}

    /** The average of the product's reviews with two decimals, and 0 while there are none. */
    public record Rating(BigDecimal average, int count) {}
}
