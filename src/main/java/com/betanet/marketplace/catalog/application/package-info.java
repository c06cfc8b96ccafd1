/** The catalog's use cases (categories, products, images) and the views the API answers with. */
@NullMarked
package com.betanet.marketplace.catalog.application;

import org.jspecify.annotations.NullMarked;
