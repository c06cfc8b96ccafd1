@NullMarked
package com.betanet.marketplace;

import org.jspecify.annotations.NullMarked;
