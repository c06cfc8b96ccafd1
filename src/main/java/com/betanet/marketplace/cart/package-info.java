/**
 * Shopping carts: what a user means to buy, always shown at today's prices and stock. Its root package is what
 * ordering uses to turn a cart into a checkout.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "catalog"})
@NullMarked
package com.betanet.marketplace.cart;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
