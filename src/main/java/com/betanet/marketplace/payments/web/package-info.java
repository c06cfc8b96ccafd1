@NullMarked
package com.betanet.marketplace.payments.web;

import org.jspecify.annotations.NullMarked;
