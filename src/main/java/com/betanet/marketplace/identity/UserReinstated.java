package com.betanet.marketplace.identity;

import java.time.Instant;
import java.util.UUID;

/** An admin lifted the suspension of the account: it may sign in again (its old sessions stay ended). */
public record UserReinstated(UUID userId, Instant at) {}
