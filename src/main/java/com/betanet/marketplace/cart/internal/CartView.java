package com.betanet.marketplace.cart.internal;

import com.betanet.marketplace.shared.Money;
import java.util.List;
import java.util.UUID;

/** The cart as the API shows it: current prices, and whether each line could be bought right now. */
record CartView(List<Line> items, Money subtotal, int itemCount) {

    record Line(
            UUID productId,
            String title,
            UUID sellerId,
            Money unitPrice,
            int quantity,
            Money lineTotal,
            boolean available) {}
}
