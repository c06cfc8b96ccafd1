/**
 * What a payment provider's answer means for the caller, whichever provider it is: a definite refusal (nothing
 * happened, the payment may fail or be retried with new input) or no definite answer (something may have happened;
 * reconcile with a status query, never retry blindly).
 */
@NullMarked
package com.betanet.marketplace.payments.provider;

import org.jspecify.annotations.NullMarked;
