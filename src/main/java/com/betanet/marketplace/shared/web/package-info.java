@NullMarked
package com.betanet.marketplace.shared.web;

import org.jspecify.annotations.NullMarked;
