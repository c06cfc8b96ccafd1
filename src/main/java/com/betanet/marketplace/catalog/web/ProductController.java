package com.betanet.marketplace.catalog.web;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.catalog.application.ImageView;
import com.betanet.marketplace.catalog.application.NewProduct;
import com.betanet.marketplace.catalog.application.ProductImageService;
import com.betanet.marketplace.catalog.application.ProductService;
import com.betanet.marketplace.catalog.application.ProductView;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/** A seller's products and their images; anyone may read an ACTIVE product. */
@RestController
@RequestMapping("/api/v1/products")
@Tag(name = "Products", description = "Sellers' products and their images")
class ProductController {

    private final ProductService products;
    private final ProductImageService images;

    ProductController(ProductService products, ProductImageService images) {
        this.products = products;
        this.images = images;
    }

    record PriceRequest(@NotNull Long amount, @NotNull String currency) {}

    record CreateProductRequest(
            @NotNull String title,
            @NotNull String description,
            @NotNull UUID categoryId,
            @NotNull @Valid PriceRequest price,
            @NotNull Long stock,
            // a product is never created ARCHIVED (ProductService refuses it)
            @Schema(
                    allowableValues = {"ACTIVE", "DRAFT"},
                    defaultValue = "ACTIVE")
            @Nullable
            ProductStatus status) {}

    /** The fields of a product edit, for the OpenAPI document (the body is read as a merge patch). */
    record EditProductRequest(
            @Nullable String title,
            @Nullable String description,
            @Nullable UUID categoryId,
            @Nullable PriceRequest price,
            @Nullable Integer stock,
            @Nullable ProductStatus status) {}

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "List a new product (sellers)",
            description = "The price is in the marketplace currency, from 1 to 10^12 minor units (nothing is free:"
                    + " a zero amount cannot be paid). Title 1-200 characters on one line; description up to 10 000;"
                    + " stock 0-1 000 000; status ACTIVE (default) or DRAFT. An unknown categoryId is 400.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden"})
    ProductView create(CurrentUser caller, @Valid @RequestBody CreateProductRequest request) {
        return products.create(
                caller,
                new NewProduct(
                        request.title(),
                        request.description(),
                        request.categoryId(),
                        request.price().amount(),
                        request.price().currency(),
                        request.stock(),
                        request.status() == null ? ProductStatus.ACTIVE : request.status()));
    }

    @GetMapping("/{id}")
    @Operation(
            summary = "A product",
            description = "Anyone may read an ACTIVE product; a DRAFT or ARCHIVED one only its seller (404 to others).")
    @ProblemCodes({"404 not_found"})
    ProductView view(@PathVariable UUID id, @Parameter(hidden = true) Optional<CurrentUser> caller) {
        return products.view(id, caller.map(CurrentUser::id).orElse(null));
    }

    @PatchMapping("/{id}")
    @Operation(
            summary = "Edit a product (its seller; JSON merge patch)",
            description = "Any of title, description, categoryId, price, stock, status (ACTIVE, DRAFT or ARCHIVED);"
                    + " none may be null. stock is what buyers can still order: reservations of open checkouts are"
                    + " kept on top of it. Nothing is stored when any field is invalid. Another seller's product is"
                    + " 404.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden", "404 not_found"})
    ProductView edit(
            CurrentUser caller,
            @PathVariable UUID id,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = EditProductRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return products.edit(caller, id, body);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Archive a product (its seller)",
            description = "The product leaves search and buyers' view; it is kept for past orders, and its seller can"
                    + " still see it and set it ACTIVE again.")
    @ProblemCodes({"401 unauthorized", "403 forbidden", "404 not_found"})
    void archive(CurrentUser caller, @PathVariable UUID id) {
        products.archive(caller, id);
    }

    @PostMapping(path = "/{id}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Add an image (its seller)",
            description = "multipart/form-data with part `file`: a JPEG, PNG or WebP image (detected from its bytes) of"
                    + " at most 5 MiB and 40 megapixels, stored re-encoded without metadata, with a thumbnail. It goes"
                    + " last; positions are 0, 1, 2... At most 10 images per product.")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 too_many_images",
        "413 payload_too_large",
        "415 unsupported_media_type"
    })
    ImageView addImage(CurrentUser caller, @PathVariable UUID id, @RequestPart("file") MultipartFile file) {
        return images.add(caller, id, file);
    }

    @DeleteMapping("/{id}/images/{imageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Remove an image (its seller)",
            description = "Its files are deleted; the images after it move up one position.")
    @ProblemCodes({"401 unauthorized", "403 forbidden", "404 not_found"})
    void removeImage(CurrentUser caller, @PathVariable UUID id, @PathVariable UUID imageId) {
        images.remove(caller, id, imageId);
    }
}
