package com.betanet.marketplace.ledger;

import java.util.UUID;

/** Names one ledger account: its type and owner. Accounts are created on first use, one per currency. */
public record AccountKey(AccountType type, String owner) {

    public static final String PLATFORM_OWNER = "PLATFORM";

    public static AccountKey clearing(String provider) {
        return new AccountKey(AccountType.CLEARING, provider);
    }

    public static AccountKey checkoutEscrow(UUID checkoutId) {
        return new AccountKey(AccountType.CHECKOUT_ESCROW, checkoutId.toString());
    }

    public static AccountKey campaignEscrow(UUID campaignId) {
        return new AccountKey(AccountType.CAMPAIGN_ESCROW, campaignId.toString());
    }

    public static AccountKey wallet(UUID userId) {
        return new AccountKey(AccountType.WALLET, userId.toString());
    }

    public static AccountKey commission() {
        return new AccountKey(AccountType.COMMISSION, PLATFORM_OWNER);
    }

    public static AccountKey suspense() {
        return new AccountKey(AccountType.SUSPENSE, PLATFORM_OWNER);
    }

    public static AccountKey payoutsInFlight(String provider) {
        return new AccountKey(AccountType.PAYOUTS_IN_FLIGHT, provider);
    }

    public static AccountKey platform() {
        return new AccountKey(AccountType.PLATFORM, PLATFORM_OWNER);
    }
}
