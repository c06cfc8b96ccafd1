package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.ProductStatus;
import java.util.UUID;

/** A seller's new listing as the request carried it, not yet checked against the rules. */
public record NewProduct(
        String title,
        String description,
        UUID categoryId,
        long priceAmount,
        String priceCurrency,
        long stock,
        ProductStatus status) {}
