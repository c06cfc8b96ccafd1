/** The catalog's HTTP endpoints: categories, products and their images, the seller's product list. */
@NullMarked
package com.betanet.marketplace.catalog.web;

import org.jspecify.annotations.NullMarked;
