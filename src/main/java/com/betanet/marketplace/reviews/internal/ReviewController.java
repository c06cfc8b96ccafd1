package com.betanet.marketplace.reviews.internal;

import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reviews", description = "Reviews of products by verified buyers")
class ReviewController {

    private final ReviewService reviews;

    ReviewController(ReviewService reviews) {
        this.reviews = reviews;
    }

    record ReviewRequest(
            @NotNull @Min(1) @Max(5) Integer rating,
            @NotNull @Size(max = 2000) String comment) {}

    @PostMapping("/api/v1/products/{id}/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Review a product you received (DELIVERED or COMPLETED order); one review per product")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 not_a_verified_buyer",
        "404 not_found",
        "409 already_reviewed"
    })
    ReviewService.ReviewView post(
            CurrentUser caller, @PathVariable UUID id, @Valid @RequestBody ReviewRequest request) {
        return reviews.post(caller.id(), id, request.rating(), request.comment());
    }

    @GetMapping("/api/v1/products/{id}/reviews")
    @Operation(summary = "A product's reviews, newest first")
    @ProblemCodes({"400 validation_failed", "404 not_found"})
    Page<ReviewService.ReviewView> list(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return reviews.list(id, PageRequest.of(limit, cursor));
    }
}
