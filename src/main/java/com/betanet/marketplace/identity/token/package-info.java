@NullMarked
package com.betanet.marketplace.identity.token;

import org.jspecify.annotations.NullMarked;
