package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.shared.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The contract's {@code User}: what the account's owner sees of it. {@code email} is null for an account made through
 * a provider that gave no verified address (X, say) until its owner adds one.
 */
public record UserView(
        UUID id,
        @Nullable String email,
        boolean emailVerified,
        String username,
        String fullName,
        @Nullable String bio,
        @Nullable String phoneNumber,
        List<Role> roles,
        @Nullable String shopName,
        @Nullable String avatarUrl,
        Instant createdAt) {

    public static UserView of(User user, @Nullable String avatarUrl) {
        return new UserView(
                user.id(),
                user.email(),
                user.emailVerified(),
                user.username(),
                user.fullName(),
                user.bio(),
                user.phoneNumber(),
                user.roles().stream().sorted().toList(),
                user.shopName(),
                avatarUrl,
                user.createdAt());
    }
}
