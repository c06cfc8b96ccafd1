package com.betanet.marketplace.ordering;

import java.util.UUID;

/** What other modules (payments, reviews, realtime) may ask of ordering. */
public interface OrderingApi {

    /**
     * The checkout was paid: it becomes PAID, its unpaid orders CONFIRMED, and their reservations sales. Calling it
     * again for a PAID checkout does nothing (payment events may be delivered twice). A checkout that is no longer
     * payable (expired, cancelled) is 409 {@code checkout_not_payable}.
     */
    void confirmCheckoutPaid(UUID checkoutId);

    /** Whether {@code buyerId} has a DELIVERED or COMPLETED order holding {@code productId} (a verified buyer). */
    boolean hasReceived(UUID buyerId, UUID productId);

    /** Whether {@code userId} is the buyer or the seller of {@code orderId} (false for an unknown order). */
    boolean isParty(UUID orderId, UUID userId);
}
