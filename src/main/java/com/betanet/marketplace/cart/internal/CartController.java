package com.betanet.marketplace.cart.internal;

import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/cart")
@Tag(name = "Cart", description = "The caller's cart, at current prices")
class CartController {

    private final CartService carts;

    CartController(CartService carts) {
        this.carts = carts;
    }

    record AddItemRequest(
            @NotNull UUID productId,
            @NotNull @Min(1) @Max(CartService.MAX_QUANTITY) Integer quantity) {}

    record SetQuantityRequest(
            @NotNull @Min(0) @Max(CartService.MAX_QUANTITY) Integer quantity) {}

    @GetMapping
    @Operation(
            summary = "The caller's cart",
            description = "Current prices; `available` says whether a line can be bought now.")
    @ProblemCodes({"401 unauthorized"})
    CartView cart(CurrentUser caller) {
        return carts.view(caller.id());
    }

    @PostMapping("/items")
    @Operation(summary = "Add units of a product (merged into an existing line)")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "404 not_found",
        "409 insufficient_stock",
        "422 own_product"
    })
    CartView add(CurrentUser caller, @Valid @RequestBody AddItemRequest request) {
        return carts.add(caller.id(), request.productId(), request.quantity());
    }

    @PutMapping("/items/{productId}")
    @Operation(summary = "Set the quantity of a line; 0 removes it")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "404 not_found",
        "409 insufficient_stock",
        "422 own_product"
    })
    CartView set(CurrentUser caller, @PathVariable UUID productId, @Valid @RequestBody SetQuantityRequest request) {
        return carts.set(caller.id(), productId, request.quantity());
    }

    @DeleteMapping
    @Operation(summary = "Empty the cart", description = "Answers with the (empty) cart, like removing one line.")
    @ProblemCodes({"401 unauthorized"})
    CartView clear(CurrentUser caller) {
        return carts.clear(caller.id());
    }

    @DeleteMapping("/items/{productId}")
    @Operation(summary = "Remove a line")
    @ProblemCodes({"400 validation_failed", "401 unauthorized"})
    CartView remove(CurrentUser caller, @PathVariable UUID productId) {
        return carts.remove(caller.id(), productId);
    }
}
