package com.betanet.marketplace.identity.oauth;

import org.jspecify.annotations.Nullable;

/**
 * Who a provider says signed in, after the provider's token was verified.
 *
 * @param subject the provider's stable id of the person (Google {@code sub}, Facebook app-scoped id, X user id)
 * @param email as the provider reports it, not yet normalised; null when it gave none
 * @param emailVerified whether the provider vouches that the person controls {@code email}
 * @param username a handle the person uses at the provider (X), a better start for ours than the name
 * @param pictureUrl the provider's profile picture, imported as the avatar of a new account
 */
public record ProviderIdentity(
        OAuthProvider provider,
        String subject,
        @Nullable String email,
        boolean emailVerified,
        @Nullable String name,
        @Nullable String username,
        @Nullable String pictureUrl) {}
