/**
 * Payments: M-Pesa (Daraja) and card (Stripe) payments for a purpose and a reference (a checkout, an ad campaign),
 * the webhook inbox, refunds and payouts. It knows nothing of orders or campaigns: the modules that sell something
 * implement its SPI and react to its events. Money moves through the {@code ledger}.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "ledger"})
@NullMarked
package com.betanet.marketplace.payments;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
