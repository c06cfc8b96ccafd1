@NullMarked
package com.betanet.marketplace.ledger.internal;

import org.jspecify.annotations.NullMarked;
