/** Product reviews by verified buyers; they keep the catalog's rating aggregates up to date. */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "catalog", "ordering", "identity"})
@NullMarked
package com.betanet.marketplace.reviews;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
