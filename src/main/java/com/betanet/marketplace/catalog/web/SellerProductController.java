package com.betanet.marketplace.catalog.web;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.catalog.application.ProductService;
import com.betanet.marketplace.catalog.application.ProductView;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Products", description = "Sellers' products and their images")
class SellerProductController {

    private final ProductService products;

    SellerProductController(ProductService products) {
        this.products = products;
    }

    @GetMapping("/api/v1/seller/products")
    @Operation(
            summary = "The caller's own products (sellers)",
            description = "Every status unless one is asked for; newest first; cursor pagination.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden"})
    Page<ProductView> list(
            CurrentUser caller,
            @RequestParam(required = false) @Nullable ProductStatus status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return products.sellerProducts(caller, status, PageRequest.of(limit, cursor));
    }
}
