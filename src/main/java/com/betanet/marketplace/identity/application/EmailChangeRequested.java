package com.betanet.marketplace.identity.application;

import java.time.Instant;
import java.util.UUID;

/** The account asked to move to {@code newEmail}; nothing changes until the link mailed there is used. */
public record EmailChangeRequested(UUID userId, String currentEmail, String newEmail, Instant at) {}
