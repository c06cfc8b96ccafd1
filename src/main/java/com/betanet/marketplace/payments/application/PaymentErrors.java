package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.web.ApiException;
import org.springframework.http.HttpStatus;

/** Payments' failures with the contract's status and code. */
public final class PaymentErrors {

    private PaymentErrors() {}

    /** A provider document holding what PostgreSQL will not store; no provider sends such a document. */
    public static ApiException unstorableDocument() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "validation_failed",
                "The document cannot be stored: its id is over 200 characters, or its JSON holds a NUL character or"
                        + " an unpaired surrogate");
    }

    public static ApiException paymentNotFound() {
        return ApiException.notFound("Payment");
    }

    public static ApiException referenceNotFound() {
        return ApiException.notFound("Reference");
    }

    public static ApiException alreadyPaid() {
        return ApiException.conflict("already_paid", "This has been paid already");
    }

    public static ApiException paymentInProgress() {
        return ApiException.conflict(
                "payment_in_progress", "A payment for this is still in progress; wait for its outcome");
    }

    public static ApiException checkoutExpired() {
        return ApiException.conflict("checkout_expired", "The checkout expired; check out again");
    }

    public static ApiException referenceCancelled() {
        return ApiException.conflict("conflict", "This was cancelled and cannot be paid");
    }

    public static ApiException amountNotPayable(String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_not_payable", why);
    }

    public static ApiException nothingToRefund(String why) {
        return ApiException.conflict("nothing_to_refund", why);
    }

    public static ApiException refundTooLarge(long refundable, String currency) {
        return ApiException.conflict(
                "refund_too_large",
                "At most " + Money.of(refundable, currency) + " of this payment can be refunded now");
    }

    public static ApiException chargedBack() {
        return ApiException.conflict(
                "payment_charged_back", "The payer's bank took this payment back; nothing more of it is refunded");
    }
}
