package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.shared.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What anyone may see of an account. No email or phone number; ADMIN is not advertised (it would only tell an
 * attacker whose account is worth phishing).
 */
public record PublicProfile(
        UUID id,
        String username,
        String fullName,
        @Nullable String bio,
        @Nullable String avatarUrl,
        @Nullable String shopName,
        List<Role> roles,
        Instant memberSince) {

    static PublicProfile of(User user, @Nullable String avatarUrl) {
        return new PublicProfile(
                user.id(),
                user.username(),
                user.fullName(),
                user.bio(),
                avatarUrl,
                user.shopName(),
                user.roles().stream()
                        .filter(role -> role != Role.ADMIN)
                        .sorted()
                        .toList(),
                user.createdAt());
    }
}
