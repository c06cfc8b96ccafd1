package com.betanet.marketplace.identity.application;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The contract's {@code UserSummary}: how a user appears in lists and next to their content. Never an email. */
public record UserSummary(
        UUID id, String username, String fullName, @Nullable String avatarUrl) {}
