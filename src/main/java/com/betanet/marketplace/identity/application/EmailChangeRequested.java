package com.betanet.marketplace.identity.application;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The account asked to move to {@code newEmail} (or, without {@code currentEmail}, to add it); nothing changes until
 * the link mailed there is used.
 */
public record EmailChangeRequested(UUID userId, @Nullable String currentEmail, String newEmail, Instant at) {}
