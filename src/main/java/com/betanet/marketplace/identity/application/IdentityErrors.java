package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.shared.web.ApiException;
import org.springframework.http.HttpStatus;

/** The identity module's failures, with the contract's status and code. */
public final class IdentityErrors {

    private IdentityErrors() {}

    public static ApiException invalidCredentials() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong email or password");
    }

    public static ApiException accountSuspended() {
        return new ApiException(HttpStatus.FORBIDDEN, "account_suspended", "This account is suspended");
    }

    public static ApiException emailTaken() {
        return ApiException.conflict("email_taken", "An account with this email already exists");
    }

    public static ApiException usernameTaken() {
        return ApiException.conflict("username_taken", "This username is taken");
    }

    public static ApiException invalidRefreshToken() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED, "invalid_refresh_token", "The refresh token is unknown, expired or revoked");
    }

    public static ApiException refreshTokenReused() {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                "refresh_token_reused",
                "This refresh token was already used; every session of this sign-in has been ended");
    }

    public static ApiException userNotFound() {
        return ApiException.notFound("User");
    }
}
