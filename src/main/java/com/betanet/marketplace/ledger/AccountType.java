package com.betanet.marketplace.ledger;

/**
 * Kinds of ledger account. Credit-normal accounts hold money owed to someone (a wallet, an escrow) and can never go
 * below zero: {@code debits_posted + debits_pending <= credits_posted}, checked by the database. Clearing accounts
 * are debit-normal: they stand for money held at a provider and go "negative" in credit terms as payments arrive.
 */
public enum AccountType {
    /** Money at a provider (owner: {@code MPESA}, {@code STRIPE}, {@code SIMULATOR}). */
    CLEARING(false),
    /** Money paid for one checkout, held until its orders complete or are refunded (owner: the checkout id). */
    CHECKOUT_ESCROW(true),
    /** Money a seller put up for an ad campaign (owner: the campaign id). */
    CAMPAIGN_ESCROW(true),
    /** What the platform owes a user (owner: the user id). */
    WALLET(true),
    /** The platform's commission (owner: {@code PLATFORM}). */
    COMMISSION(true),
    /** Money received that matches no payment, for an admin to sort out (owner: {@code PLATFORM}). */
    SUSPENSE(true),
    /** Payouts and refunds sent to a provider but not yet confirmed (owner: the provider). */
    PAYOUTS_IN_FLIGHT(true),
    /** The platform's own funds, e.g. refunds an admin grants after an order completed (owner: {@code PLATFORM}). */
    PLATFORM(false);

    private final boolean mustNotGoNegative;

    AccountType(boolean mustNotGoNegative) {
        this.mustNotGoNegative = mustNotGoNegative;
    }

    /** Whether debits may never exceed credits on this account. */
    public boolean mustNotGoNegative() {
        return mustNotGoNegative;
    }
}
