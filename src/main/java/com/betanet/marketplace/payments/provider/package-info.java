/**
 * The port every payment provider adapter implements (M-Pesa, Stripe, the local simulator): start a payment, refund
 * one, ask for a payment's status. Adapters never touch the database or the ledger: what a provider reports comes
 * back through {@code PaymentSettlement}, the one code path for real and simulated callbacks.
 */
@NullMarked
package com.betanet.marketplace.payments.provider;

import org.jspecify.annotations.NullMarked;
