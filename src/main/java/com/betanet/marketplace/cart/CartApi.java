package com.betanet.marketplace.cart;

import java.util.List;
import java.util.UUID;

/** What ordering may do with a cart. */
public interface CartApi {

    /** One product in a cart and how many units of it. */
    record CartLine(UUID productId, int quantity) {}

    /** The user's lines, oldest first. */
    List<CartLine> lines(UUID userId);

    /**
     * Empties the cart and returns what was in it, in one statement, inside the caller's transaction (required): two
     * concurrent checkouts of one cart cannot both take its lines, and a checkout that rolls back leaves the cart as
     * it was.
     */
    List<CartLine> takeAll(UUID userId);
}
