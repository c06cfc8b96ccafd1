package com.betanet.marketplace.shared.security;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller as the access token describes them. Controllers take it as a parameter; it is resolved
 * from the verified JWT, never from the request body.
 *
 * @param sessionId the refresh-token family the access token was issued for, when there is one
 */
public record CurrentUser(
        UUID id, Set<Role> roles, @Nullable UUID sessionId) {

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean isSeller() {
        return has(Role.SELLER);
    }
}
