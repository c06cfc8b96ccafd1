package com.betanet.marketplace.identity.application;

import java.time.Instant;
import java.util.UUID;

/** The account's password was changed or reset; its owner is told by mail, in case it was not them. */
public record PasswordChanged(UUID userId, boolean byReset, Instant at) {}
