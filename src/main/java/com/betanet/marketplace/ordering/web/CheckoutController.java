package com.betanet.marketplace.ordering.web;

import com.betanet.marketplace.ordering.application.CheckoutService;
import com.betanet.marketplace.ordering.application.OrderViews.CheckoutView;
import com.betanet.marketplace.ordering.application.ShippingAddress;
import com.betanet.marketplace.shared.idempotency.IdempotentRequests;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.AmountInput;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/checkouts")
@Tag(name = "Checkout", description = "Turning the cart into orders")
class CheckoutController {

    private final CheckoutService checkouts;
    private final IdempotentRequests idempotent;
    private final String currency;

    CheckoutController(
            CheckoutService checkouts,
            IdempotentRequests idempotent,
            @Value("${marketplace.currency}") String currency) {
        this.checkouts = checkouts;
        this.idempotent = idempotent;
        this.currency = currency;
    }

    record CheckoutRequest(
            @NotNull @Valid ShippingAddress shippingAddress,
            @Nullable @Valid AmountInput expectedTotal) {}

    @PostMapping
    @Operation(
            summary = "Check out the cart (Idempotency-Key required)",
            description = "Splits the cart into one order per seller, reserves the stock of every line atomically and"
                    + " empties the cart. The checkout holds the stock until it is paid or expires.")
    @ProblemCodes({
        "400 validation_failed",
        "400 idempotency_key_required",
        "401 unauthorized",
        "409 insufficient_stock",
        "409 price_changed",
        "409 too_many_open_checkouts",
        "409 idempotency_request_in_progress",
        "422 cart_empty",
        "422 idempotency_key_reused"
    })
    ResponseEntity<?> checkout(
            CurrentUser caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
            @Valid @RequestBody CheckoutRequest request) {
        // a cart is always in the marketplace currency: another total is the client's mistake, not a price change
        var expected =
                request.expectedTotal() == null ? null : request.expectedTotal().in(currency, "expectedTotal");
        return idempotent.execute(
                caller.id(),
                key,
                "POST /checkouts",
                request,
                () -> ResponseEntity.status(201)
                        .body(checkouts.checkout(caller.id(), request.shippingAddress(), expected)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A checkout of the caller's")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "404 not_found"})
    CheckoutView checkout(CurrentUser caller, @PathVariable UUID id) {
        return checkouts.view(caller.id(), id);
    }
}
