package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.shared.web.ApiException;

/** The catalog's failures, with the contract's status and code. */
public final class CatalogErrors {

    private CatalogErrors() {}

    public static ApiException categoryNotFound() {
        return ApiException.notFound("Category");
    }

    public static ApiException productNotFound() {
        return ApiException.notFound("Product");
    }

    public static ApiException imageNotFound() {
        return ApiException.notFound("Image");
    }

    public static ApiException slugTaken(String slug) {
        return ApiException.conflict("slug_taken", "Another category already has the slug '" + slug + "'")
                .with("slug", slug);
    }

    public static ApiException categoryInUse() {
        return ApiException.conflict(
                "category_in_use", "The category still has subcategories or products (archived ones count too)");
    }

    public static ApiException tooManyImages(int max) {
        return ApiException.conflict("too_many_images", "A product has at most " + max + " images");
    }

    public static ApiException notASeller() {
        return ApiException.forbidden("Only sellers may do this; start selling first");
    }

    public static ApiException unknownCategory(String field) {
        return ApiException.validation(field, "No such category");
    }
}
