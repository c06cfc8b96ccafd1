/**
 * Catalog: the category tree, sellers' products with their images, and product search. Its root package is what other
 * modules may use: {@link com.betanet.marketplace.catalog.CatalogApi} (product lookups for ordering and reviews), the
 * {@link com.betanet.marketplace.catalog.ProductChanged} event and the value types they carry.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "identity", "media"})
@NullMarked
package com.betanet.marketplace.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
