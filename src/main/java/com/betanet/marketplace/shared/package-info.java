/**
 * Building blocks every module uses: money, the problem-details error model, cursor pagination, request ids, the
 * authenticated caller. Not a business module, so it is open to all of them.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package com.betanet.marketplace.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
