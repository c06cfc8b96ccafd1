@NullMarked
package com.betanet.marketplace.cart.internal;

import org.jspecify.annotations.NullMarked;
