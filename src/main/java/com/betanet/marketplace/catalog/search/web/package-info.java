@NullMarked
package com.betanet.marketplace.catalog.search.web;

import org.jspecify.annotations.NullMarked;
