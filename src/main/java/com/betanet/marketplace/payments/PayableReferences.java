package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.util.Optional;
import java.util.UUID;

/**
 * The SPI a selling module implements for its {@link #purpose()}: what a reference costs, who may pay it and whether
 * it can still be paid. Payments looks the implementation up by purpose among all beans; it never knows orders or
 * campaigns.
 */
public interface PayableReferences {

    PaymentPurpose purpose();

    /**
     * The reference if {@code payerId} may pay it, else empty (unknown, or someone else's: 404). Called inside the
     * transaction that records the payment; an implementation locks the reference (e.g. {@code FOR SHARE}) so that
     * its amount and state cannot change, nor the reference expire, before that transaction ends.
     */
    Optional<Payable> find(UUID referenceId, UUID payerId);

    /** A reference as payments sees it: the amount to pay is always the server's, never the client's. */
    record Payable(UUID referenceId, UUID payerId, Money amount, State state) {}

    enum State {
        PAYABLE,
        ALREADY_PAID,
        EXPIRED,
        CANCELLED
    }
}
