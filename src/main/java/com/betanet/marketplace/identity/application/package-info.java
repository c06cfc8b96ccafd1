@NullMarked
package com.betanet.marketplace.identity.application;

import org.jspecify.annotations.NullMarked;
