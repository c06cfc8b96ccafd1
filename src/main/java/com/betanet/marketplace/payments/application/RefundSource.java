package com.betanet.marketplace.payments.application;

/** The ledger account a refund is paid from. */
public enum RefundSource {
    /** The escrow of what the payment paid for: a refund of a succeeded payment. */
    ESCROW,
    /**
     * The suspense account: money that arrived with another amount than its payment's, which never paid for anything
     * and goes back to the payer as it came.
     */
    SUSPENSE
}
