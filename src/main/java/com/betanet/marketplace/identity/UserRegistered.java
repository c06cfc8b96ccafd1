package com.betanet.marketplace.identity;

import java.time.Instant;
import java.util.UUID;

/** A new account exists (published inside the registering transaction, delivered after commit). */
public record UserRegistered(UUID userId, String email, String username, Instant at) {}
