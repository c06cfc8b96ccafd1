package com.betanet.marketplace.payments.provider;

/**
 * The largest amount a provider's report may carry, in minor units: ten billion shillings, far above any M-Pesa (KES
 * 250 000 a transaction) or card payment, and far below what the ledger's sums could overflow on. A report beyond it,
 * or below zero, is refused as unreadable (400) instead of being recorded and then failing to apply for ever.
 */
public final class ProviderAmounts {

    public static final long LARGEST = 1_000_000_000_000L;

    private ProviderAmounts() {}

    public static boolean plausible(long minorUnits) {
        return minorUnits >= 0 && minorUnits <= LARGEST;
    }
}
