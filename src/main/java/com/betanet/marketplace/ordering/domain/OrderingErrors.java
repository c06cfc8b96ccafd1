package com.betanet.marketplace.ordering.domain;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.shared.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Ordering's failures with the contract's status and code. */
public final class OrderingErrors {

    private OrderingErrors() {}

    /** One short line of a checkout: {@code {field: "items", productId, requested, available, message}}. */
    public record StockShortageError(
            String field, java.util.UUID productId, int requested, int available, String message) {}

    public static ApiException orderNotFound() {
        return ApiException.notFound("Order");
    }

    public static ApiException checkoutNotFound() {
        return ApiException.notFound("Checkout");
    }

    public static ApiException invalidTransition(OrderStatus from, OrderStatus to) {
        return ApiException.conflict("invalid_transition", "An order cannot go from " + from + " to " + to)
                .with("currentStatus", from);
    }

    public static ApiException wrongParty(OrderStatus to) {
        return ApiException.forbidden("You may not move this order to " + to);
    }

    public static ApiException cartEmpty() {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "cart_empty", "The cart is empty");
    }

    public static ApiException insufficientStock(List<StockShortageError> shortages) {
        return new ApiException(
                HttpStatus.CONFLICT, "insufficient_stock", "Some items are not in stock as requested", shortages);
    }

    public static ApiException priceChanged(Object currentTotal) {
        return ApiException.conflict("price_changed", "Prices changed since the total was shown")
                .with("total", currentTotal);
    }

    public static ApiException tooManyOpenCheckouts(int max) {
        return ApiException.conflict(
                "too_many_open_checkouts", "At most " + max + " unpaid checkouts at once; pay or wait for one");
    }

    public static ApiException checkoutNotPayable() {
        return ApiException.conflict("checkout_not_payable", "The checkout is no longer waiting for payment");
    }

    public static ApiException paymentInProgress() {
        return ApiException.conflict(
                "payment_in_progress", "A payment of this checkout is in progress; wait for its outcome");
    }

    public static ApiException disputeNotFound() {
        return ApiException.notFound("Dispute");
    }

    public static ApiException disputeResolved() {
        return ApiException.conflict("dispute_resolved", "The dispute has been resolved already");
    }

    /** Refunds after completion are for COMPLETED orders (the others are cancelled, disputed or not paid). */
    public static ApiException orderNotCompleted(OrderStatus status) {
        return ApiException.conflict(
                        "order_not_completed", "Only a COMPLETED order is refunded this way; this one is " + status)
                .with("currentStatus", status);
    }

    public static ApiException refundExceedsOrder(Object refundable) {
        return ApiException.conflict("refund_exceeds_order", "The amount is more than is left to refund of the order")
                .with("refundable", refundable);
    }
}
