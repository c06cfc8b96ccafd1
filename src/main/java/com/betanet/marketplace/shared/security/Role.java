package com.betanet.marketplace.shared.security;

/** What an account may do: everyone buys; SELLER adds selling; ADMIN runs the marketplace and is never self-given. */
public enum Role {
    BUYER,
    SELLER,
    ADMIN;

    /** The Spring Security authority for this role, as used in {@code hasRole(...)} checks. */
    public String authority() {
        return "ROLE_" + name();
    }
}
