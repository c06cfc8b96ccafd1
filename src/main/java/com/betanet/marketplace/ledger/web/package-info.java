@NullMarked
package com.betanet.marketplace.ledger.web;

import org.jspecify.annotations.NullMarked;
