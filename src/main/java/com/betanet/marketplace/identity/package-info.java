/**
 * Accounts and authentication: users, credentials, roles, refresh-token families, profiles and avatars. Its root
 * package holds what other modules may use: the events it publishes.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "media"})
@NullMarked
package com.betanet.marketplace.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
