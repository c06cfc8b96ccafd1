package com.betanet.marketplace.payments;

/** What a payment pays for; each purpose has one {@link PayableReferences} implementation in its owning module. */
public enum PaymentPurpose {
    CHECKOUT,
    AD_CAMPAIGN
}
