/** The catalog's rules: products and what may be written into them, category names and slugs. */
@NullMarked
package com.betanet.marketplace.catalog.domain;

import org.jspecify.annotations.NullMarked;
