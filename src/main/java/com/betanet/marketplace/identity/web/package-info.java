@NullMarked
package com.betanet.marketplace.identity.web;

import org.jspecify.annotations.NullMarked;
