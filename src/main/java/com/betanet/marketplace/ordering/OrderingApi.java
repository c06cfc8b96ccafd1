package com.betanet.marketplace.ordering;

import java.util.UUID;

/** What other modules (reviews, realtime) may ask of ordering. Payments tells it about paid checkouts by events. */
public interface OrderingApi {

    /** Whether {@code buyerId} has a DELIVERED or COMPLETED order holding {@code productId} (a verified buyer). */
    boolean hasReceived(UUID buyerId, UUID productId);

    /** Whether {@code userId} is the buyer or the seller of {@code orderId} (false for an unknown order). */
    boolean isParty(UUID orderId, UUID userId);
}
