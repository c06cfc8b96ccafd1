@NullMarked
package com.betanet.marketplace.ordering.domain;

import org.jspecify.annotations.NullMarked;
