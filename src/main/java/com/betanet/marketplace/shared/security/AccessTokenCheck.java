package com.betanet.marketplace.shared.security;

/**
 * A check run on every request that carries a valid access token, for state the token cannot know about (a
 * suspended account, for example). Throws an {@link com.betanet.marketplace.shared.web.ApiException} to refuse.
 */
@FunctionalInterface
public interface AccessTokenCheck {

    void check(CurrentUser user);
}
