/**
 * Checkouts and orders: a cart becomes one checkout holding one order per seller, with stock reserved; orders then
 * follow the lifecycle of their state machine. Its root package is the API for payments (confirming a checkout) and
 * the events it publishes.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "catalog", "cart", "identity"})
@NullMarked
package com.betanet.marketplace.ordering;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
