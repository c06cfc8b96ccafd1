package com.betanet.marketplace.ordering.web;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.ordering.application.OrderService;
import com.betanet.marketplace.ordering.application.OrderViews.EventView;
import com.betanet.marketplace.ordering.application.OrderViews.OrderView;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Orders", description = "Orders of buyers and sellers and their lifecycle")
class OrderController {

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /** The statuses a seller may set through {@code POST /orders/{id}/status}. */
    enum SellerStatus {
        PROCESSING,
        SHIPPED,
        DELIVERED
    }

    record StatusRequest(
            @NotNull SellerStatus status,
            @Nullable @Size(max = 100) String trackingNumber,
            @Nullable @Size(max = 1000) String note) {}

    record ReasonRequest(@Nullable @Size(max = 1000) String reason) {}

    /** A cancellation says why (API.md: {@code {reason}}); it is the note of the order's CANCELLED timeline entry. */
    record CancelRequest(@NotBlank @Size(max = 1000) String reason) {}

    record DisputeRequest(@NotBlank @Size(max = 1000) String reason) {}

    @GetMapping("/api/v1/orders")
    @Operation(summary = "The caller's orders as a buyer, newest first")
    @ProblemCodes({"400 validation_failed", "401 unauthorized"})
    Page<OrderView> buyerOrders(
            CurrentUser caller,
            @RequestParam(required = false) @Nullable OrderStatus status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return orders.buyerOrders(caller, status, PageRequest.of(limit, cursor));
    }

    @GetMapping("/api/v1/seller/orders")
    @Operation(summary = "Orders of the calling seller's products, newest first")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden"})
    Page<OrderView> sellerOrders(
            CurrentUser caller,
            @RequestParam(required = false) @Nullable OrderStatus status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return orders.sellerOrders(caller, status, PageRequest.of(limit, cursor));
    }

    @GetMapping("/api/v1/orders/{id}")
    @Operation(summary = "An order of the caller's (as buyer or seller)")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "404 not_found"})
    OrderView order(CurrentUser caller, @PathVariable UUID id) {
        return orders.view(caller, id);
    }

    @GetMapping("/api/v1/orders/{id}/events")
    @Operation(summary = "The order's timeline, oldest first")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "404 not_found"})
    List<EventView> events(CurrentUser caller, @PathVariable UUID id) {
        return orders.events(caller, id);
    }

    @PostMapping("/api/v1/orders/{id}/status")
    @Operation(summary = "The seller moves the order on: PROCESSING, SHIPPED (tracking number optional), DELIVERED")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 invalid_transition"
    })
    OrderView status(CurrentUser caller, @PathVariable UUID id, @Valid @RequestBody StatusRequest request) {
        return orders.fulfil(
                caller, id, OrderStatus.valueOf(request.status().name()), request.trackingNumber(), request.note());
    }

    @PostMapping("/api/v1/orders/{id}/confirm-receipt")
    @Operation(summary = "The buyer confirms receipt: SHIPPED or DELIVERED → COMPLETED")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 invalid_transition"
    })
    OrderView confirmReceipt(
            CurrentUser caller,
            @PathVariable UUID id,
            @RequestBody(required = false) @Nullable NoFields body) { // none, or {}: any field is 400
        return orders.confirmReceipt(caller, id);
    }

    /** A body that may be left out or be {@code {}}; like every write, it refuses fields it does not know. */
    record NoFields() {}

    @PostMapping("/api/v1/orders/{id}/cancel")
    @Operation(summary = "Buyer or seller cancels before shipping; the stock is restored")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 invalid_transition"
    })
    OrderView cancel(CurrentUser caller, @PathVariable UUID id, @Valid @RequestBody CancelRequest request) {
        return orders.cancel(caller, id, request.reason());
    }

    @PostMapping("/api/v1/orders/{id}/dispute")
    @Operation(summary = "The buyer disputes a SHIPPED or DELIVERED order")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 invalid_transition"
    })
    OrderView dispute(CurrentUser caller, @PathVariable UUID id, @Valid @RequestBody DisputeRequest request) {
        return orders.dispute(caller, id, request.reason());
    }
}
