@NullMarked
package com.betanet.marketplace.ordering.web;

import org.jspecify.annotations.NullMarked;
