/**
 * Payouts of a user's wallet to their M-Pesa number through Daraja B2C (or the simulator without credentials). The
 * money is held in the ledger when the payout is created and the B2C request sent after commit; the result callback,
 * or a Transaction Status query after a queue timeout or a long silence, posts or voids the hold through
 * {@link com.betanet.marketplace.payments.payout.PayoutCallbacks}, the one path for real and simulated answers.
 */
@NullMarked
package com.betanet.marketplace.payments.payout;

import org.jspecify.annotations.NullMarked;
