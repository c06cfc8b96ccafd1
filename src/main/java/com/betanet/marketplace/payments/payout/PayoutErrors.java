package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.shared.web.ApiException;
import org.springframework.http.HttpStatus;

/** Payouts' failures with the contract's status and code. */
final class PayoutErrors {

    private PayoutErrors() {}

    static ApiException payoutNotFound() {
        return ApiException.notFound("Payout");
    }

    static ApiException amountNotPositive() {
        return ApiException.validation("amount.amount", "Must be a positive amount in minor units");
    }

    static ApiException amountNotPayable(String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "amount_not_payable", why);
    }
}
