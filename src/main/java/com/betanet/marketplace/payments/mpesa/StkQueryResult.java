package com.betanet.marketplace.payments.mpesa;

import org.jspecify.annotations.Nullable;

/**
 * What Daraja's STK query says about a push. While the payer has not answered, Daraja replies with an error
 * ({@code 500.001.1001 The transaction is being processed}) or result code 4999; both read as {@link Status#PENDING}.
 *
 * @param resultCode the STK result code (0, 1032, 1037, 2001…); null while pending without one
 */
public record StkQueryResult(Status status, @Nullable Integer resultCode, String resultDesc) {

    public enum Status {
        PENDING,
        SUCCEEDED,
        FAILED
    }

    /** Why the payment failed, for the payer; null unless {@link Status#FAILED}. */
    public @Nullable String failureReason() {
        return status == Status.FAILED && resultCode != null ? StkResultCodes.reason(resultCode, resultDesc) : null;
    }
}
