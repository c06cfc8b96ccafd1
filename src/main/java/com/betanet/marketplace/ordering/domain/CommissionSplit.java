package com.betanet.marketplace.ordering.domain;

import com.betanet.marketplace.shared.Money;

/**
 * How an order's subtotal is shared when it completes: the platform's commission, rounded half-up to the minor unit,
 * and the seller's share, the rest. The two always add up to the subtotal.
 */
public record CommissionSplit(Money sellerShare, Money commission) {

    public static CommissionSplit of(Money subtotal, int commissionBps) {
        if (commissionBps < 0 || commissionBps > 10_000) {
            throw new IllegalArgumentException("Commission must be 0 to 10000 basis points, not " + commissionBps);
        }
        if (subtotal.isNegative()) {
            throw new IllegalArgumentException("A subtotal is never negative: " + subtotal);
        }
        long commission = Math.addExact(Math.multiplyExact(subtotal.amount(), commissionBps), 5_000) / 10_000;
        return new CommissionSplit(
                Money.of(subtotal.amount() - commission, subtotal.currency()),
                Money.of(commission, subtotal.currency()));
    }
}
