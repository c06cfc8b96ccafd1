@NullMarked
package com.betanet.marketplace.ordering.application;

import org.jspecify.annotations.NullMarked;
