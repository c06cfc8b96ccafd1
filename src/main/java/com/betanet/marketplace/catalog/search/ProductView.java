package com.betanet.marketplace.catalog.search;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The contract's {@code Product} as search returns it. Schema names are explicit so that they cannot clash with other
 * modules' records in the OpenAPI document.
 */
@Schema(name = "Product")
public record ProductView(
        UUID id,
        String title,
        String description,
        Category category,
        Price price,
        int stock,
        String status,
        Seller seller,
        Rating rating,
        List<Image> images,
        Instant createdAt,
        Instant updatedAt) {

    @Schema(name = "ProductCategory")
    public record Category(UUID id, String name, String slug) {}

    /**
     * The contract's Money, {@code {amount, currency}}. Not {@code shared.Money} itself: Jackson also writes its
     * {@code isNegative()} as a {@code negative} property, which the contract does not have.
     */
    @Schema(name = "Money")
    public record Price(long amount, String currency) {}

    @Schema(name = "ProductSeller")
    public record Seller(UUID id, String username, @Nullable String shopName) {}

    /** {@code average} has two decimals and is 0 while {@code count} is 0. */
    @Schema(name = "ProductRating")
    public record Rating(BigDecimal average, int count) {}

    @Schema(name = "ProductImage")
    public record Image(UUID id, String url, String thumbnailUrl, int position) {}
}
