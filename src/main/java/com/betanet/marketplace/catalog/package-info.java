/**
 * The catalogue: categories, products, their images, and product search. Its root package is what other modules may
 * use.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "identity"})
@NullMarked
package com.betanet.marketplace.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
