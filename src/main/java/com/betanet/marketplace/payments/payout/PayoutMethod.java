package com.betanet.marketplace.payments.payout;

/** How a payout reaches the user: M-Pesa B2C to their phone (the only way for now). */
public enum PayoutMethod {
    MPESA
}
