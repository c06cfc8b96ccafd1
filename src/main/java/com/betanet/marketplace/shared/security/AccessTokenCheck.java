package com.betanet.marketplace.shared.security;

import java.util.UUID;

/**
 * A check run on every request that carries a valid access token, for state the token cannot know about (a
 * suspended account, for example). Throws an {@link com.betanet.marketplace.shared.web.ApiException} to refuse.
 */
@FunctionalInterface
public interface AccessTokenCheck {

    void check(CurrentUser user);

    /**
     * The state of {@code userId}'s account changed on some node (a suspension broadcast to every node, say): whatever
     * this check remembers of it is forgotten, so the next request is checked against the database.
     */
    default void forget(UUID userId) {}
}
