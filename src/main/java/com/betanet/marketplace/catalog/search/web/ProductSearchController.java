package com.betanet.marketplace.catalog.search.web;

import com.betanet.marketplace.catalog.application.ProductView;
import com.betanet.marketplace.catalog.search.ProductSearchRequest;
import com.betanet.marketplace.catalog.search.ProductSearchService;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /products}: search and browse, open to anyone. */
@RestController
@Tag(name = "Catalog: search", description = "Finding products")
class ProductSearchController {

    private final ProductSearchService search;

    ProductSearchController(ProductSearchService search) {
        this.search = search;
    }

    // Every value is read as a string so that a malformed one is a 400 naming its parameter (ProductSearchRequest);
    // the schemas tell clients what the values really are.
    @GetMapping("/api/v1/products")
    @Operation(
            summary = "Search and browse active products",
            description = "Only ACTIVE products. q matches title and description (title ranked higher), tolerating "
                    + "prefixes (iphon) and typos (iphnoe). categoryId includes its descendants. Walking every page "
                    + "with nextCursor returns each matching product once; a cursor only continues the search that "
                    + "issued it.")
    @ProblemCodes({"400 validation_failed"})
    Page<ProductView> search(
            @Parameter(
                            description = "Words to find, at most 200 characters",
                            schema = @Schema(type = "string", maxLength = 200))
                    @RequestParam(required = false)
                    @Nullable
                    String q,
            @Parameter(
                            description = "A category id; its subcategories are included",
                            schema = @Schema(type = "string", format = "uuid"))
                    @RequestParam(required = false)
                    @Nullable
                    String categoryId,
            @Parameter(
                            description = "Lowest price in minor units",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int64",
                                            minimum = "0",
                                            maximum = "1000000000000"))
                    @RequestParam(required = false)
                    @Nullable
                    String minPrice,
            @Parameter(
                            description = "Highest price in minor units",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int64",
                                            minimum = "0",
                                            maximum = "1000000000000"))
                    @RequestParam(required = false)
                    @Nullable
                    String maxPrice,
            @Parameter(
                            description = "Lowest average rating, 1 to 5",
                            schema = @Schema(type = "number", minimum = "1", maximum = "5"))
                    @RequestParam(required = false)
                    @Nullable
                    String minRating,
            @Parameter(description = "Only this seller's products", schema = @Schema(type = "string", format = "uuid"))
                    @RequestParam(required = false)
                    @Nullable
                    String sellerId,
            @Parameter(
                            description = "true: only products with stock left",
                            schema = @Schema(type = "boolean", defaultValue = "false"))
                    @RequestParam(required = false)
                    @Nullable
                    String inStock,
            @Parameter(
                            description = "relevance (default with q), newest (default without q), price_asc, "
                                    + "price_desc, rating_desc",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {
                                                "relevance",
                                                "newest",
                                                "price_asc",
                                                "price_desc",
                                                "rating_desc"
                                            }))
                    @RequestParam(required = false)
                    @Nullable
                    String sort,
            @Parameter(
                            description = "Page size, 1 to 100 (default 20)",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "100",
                                            defaultValue = "20"))
                    @RequestParam(required = false)
                    @Nullable
                    String limit,
            @Parameter(description = "nextCursor of the previous page", schema = @Schema(type = "string"))
                    @RequestParam(required = false)
                    @Nullable
                    String cursor) {
        return search.search(new ProductSearchRequest(
                q, categoryId, minPrice, maxPrice, minRating, sellerId, inStock, sort, limit, cursor));
    }
}
