package com.betanet.marketplace.identity;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A new account exists (published inside the registering transaction, delivered after commit). {@code email} is null
 * for an account made through a provider that gave no verified address.
 */
public record UserRegistered(UUID userId, @Nullable String email, String username, Instant at) {}
