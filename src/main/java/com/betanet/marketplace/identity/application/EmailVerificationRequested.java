package com.betanet.marketplace.identity.application;

import java.time.Instant;
import java.util.UUID;

/** The account asked for another verification mail; the mail listener makes the link. */
public record EmailVerificationRequested(UUID userId, Instant at) {}
