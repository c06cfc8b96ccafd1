/**
 * The local payment simulator: stands in for M-Pesa and Stripe when their credentials are absent (never in the
 * {@code prod} profile), so the whole flow works on a laptop. Clearly labelled: references start with {@code sim_}.
 */
@NullMarked
package com.betanet.marketplace.payments.simulator;

import org.jspecify.annotations.NullMarked;
