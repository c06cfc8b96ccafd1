package com.betanet.marketplace.identity.oauth;

import java.util.Arrays;
import java.util.Optional;

/** The social sign-in providers; {@link #id()} is the path segment, registration id and stored name. */
public enum OAuthProvider {
    GOOGLE("google"),
    FACEBOOK("facebook"),
    TWITTER("twitter");

    private final String id;

    OAuthProvider(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The provider with this exact (lower-case) id. */
    public static Optional<OAuthProvider> byId(String id) {
        return Arrays.stream(values())
                .filter(provider -> provider.id.equals(id))
                .findFirst();
    }
}
