@NullMarked
package com.betanet.marketplace.identity.domain;

import org.jspecify.annotations.NullMarked;
