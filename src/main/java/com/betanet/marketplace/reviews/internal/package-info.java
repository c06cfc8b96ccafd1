@NullMarked
package com.betanet.marketplace.reviews.internal;

import org.jspecify.annotations.NullMarked;
