package com.betanet.marketplace.identity;

import java.time.Instant;
import java.util.UUID;

/** An admin suspended the account: its sessions must end everywhere (tokens, WebSockets). */
public record UserSuspended(UUID userId, Instant at) {}
