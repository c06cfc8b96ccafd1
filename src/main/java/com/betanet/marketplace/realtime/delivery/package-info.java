@NullMarked
package com.betanet.marketplace.realtime.delivery;

import org.jspecify.annotations.NullMarked;
