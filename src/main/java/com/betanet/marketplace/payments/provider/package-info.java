/**
 * The port every payment provider adapter implements (M-Pesa, Stripe, the local simulator): start a payment, refund
 * one, ask for a payment's status. Adapters never touch the database or the ledger: what a provider reports comes
 * back through {@code PaymentSettlement}, the one code path for real and simulated callbacks.
 *
 * <p>What a provider's answer means for the caller, whichever provider it is: a definite refusal (nothing happened,
 * the payment may fail or be retried with new input) or no definite answer (something may have happened; reconcile
 * with a status query, never retry blindly).
 */
@NullMarked
package com.betanet.marketplace.payments.provider;

import org.jspecify.annotations.NullMarked;
