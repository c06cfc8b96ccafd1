package com.betanet.marketplace.ordering.web;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.ordering.application.OrderRefunds;
import com.betanet.marketplace.ordering.application.OrderRefunds.OrderRefundView;
import com.betanet.marketplace.ordering.application.OrderService;
import com.betanet.marketplace.ordering.application.OrderViews.OrderView;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.AmountInput;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** What admins may do to any order: cancel it before it ships, refund it after it completed. */
@RestController
@RequestMapping("/api/v1/admin/orders")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: orders", description = "Cancelling and refunding orders as an admin")
class AdminOrderController {

    private final OrderService orders;
    private final OrderRefunds refunds;

    AdminOrderController(OrderService orders, OrderRefunds refunds) {
        this.orders = orders;
        this.refunds = refunds;
    }

    // the note becomes the refund's reason at the provider, whose limit is 500 characters
    record RefundRequest(
            @Nullable @Valid AmountInput amount,
            @NotBlank @Size(max = 500) String note) {}

    @GetMapping
    @Operation(summary = "Every order, newest first, optionally of one status, buyer and seller")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden"})
    Page<OrderView> list(
            CurrentUser admin, // marks the endpoint as bearer-secured
            @RequestParam(required = false) @Nullable OrderStatus status,
            @RequestParam(required = false) @Nullable UUID buyerId,
            @RequestParam(required = false) @Nullable UUID sellerId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return orders.allOrders(status, buyerId, sellerId, PageRequest.of(limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One order")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden", "404 not_found"})
    OrderView order(CurrentUser admin, @PathVariable UUID id) {
        return orders.view(admin, id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            summary = "Cancel an order before it ships",
            description = "As the buyer or seller would, with the admin on the timeline: a paid order is refunded and"
                    + " its stock restored.")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 invalid_transition",
        "409 payment_in_progress"
    })
    OrderView cancel(
            CurrentUser admin,
            @PathVariable UUID id,
            // API.md lists no body for it: {reason} is optional, and so is the body
            @Valid @RequestBody(required = false) OrderController.@Nullable ReasonRequest request) {
        return orders.cancel(admin, id, request == null ? null : request.reason());
    }

    @PostMapping("/{id}/refund")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Refund a completed order",
            description = "The amount (default: all that is left of the order's subtotal) is paid from the platform's"
                    + " account into the checkout's escrow and refunded to the buyer from there; the seller keeps"
                    + " what they were paid. Refunds of an order never exceed its subtotal.")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 order_not_completed",
        "409 refund_exceeds_order",
        "409 payment_charged_back"
    })
    OrderRefundView refund(CurrentUser admin, @PathVariable UUID id, @Valid @RequestBody RefundRequest request) {
        var amount = request.amount() == null
                ? null
                : new OrderRefunds.Amount(
                        request.amount().amount(), request.amount().currency());
        return refunds.refund(admin, id, amount, request.note());
    }
}
