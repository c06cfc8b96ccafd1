package com.betanet.marketplace.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * The account's password was changed or reset: its owner is told by mail (in case it was not them), its other sessions
 * are revoked, and its open WebSocket sessions end.
 */
public record PasswordChanged(UUID userId, boolean byReset, Instant at) {}
