/**
 * Checkouts and orders: a cart becomes one checkout holding one order per seller, with stock reserved; orders then
 * follow the lifecycle of their state machine. It implements the payments SPI for checkouts, reacts to their
 * payments' events, and moves order money (seller shares, commission, refunds) through the ledger.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "catalog", "cart", "identity", "payments", "ledger"})
@NullMarked
package com.betanet.marketplace.ordering;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
