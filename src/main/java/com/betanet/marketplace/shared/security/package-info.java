@NullMarked
package com.betanet.marketplace.shared.security;

import org.jspecify.annotations.NullMarked;
