package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.shared.security.Role;
import org.jspecify.annotations.Nullable;

public record RegisterCommand(
        String email,
        String password,
        String username,
        String fullName,
        Role role,
        @Nullable String shopName) {}
