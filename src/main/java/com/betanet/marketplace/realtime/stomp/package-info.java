@NullMarked
package com.betanet.marketplace.realtime.stomp;

import org.jspecify.annotations.NullMarked;
