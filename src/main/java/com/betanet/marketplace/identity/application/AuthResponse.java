package com.betanet.marketplace.identity.application;

/** The contract's {@code AuthResponse}. */
public record AuthResponse(UserView user, String accessToken, String refreshToken, String tokenType, long expiresIn) {

    public static AuthResponse bearer(UserView user, String accessToken, String refreshToken, long expiresIn) {
        return new AuthResponse(user, accessToken, refreshToken, "Bearer", expiresIn);
    }
}
