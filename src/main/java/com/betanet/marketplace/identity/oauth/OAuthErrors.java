package com.betanet.marketplace.identity.oauth;

import com.betanet.marketplace.shared.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The failures of social sign-in, with the contract's status and code. */
public final class OAuthErrors {

    /** How long a client should wait before retrying when a provider is unreachable. */
    static final int PROVIDER_RETRY_AFTER_SECONDS = 30;

    private OAuthErrors() {}

    /** 400 {@code unknown_provider}: not google, facebook or twitter, or not configured on this server. */
    public static ApiException unknownProvider() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "unknown_provider",
                "Sign-in with this provider is not available; use google, facebook or twitter as configured");
    }

    /** 401 {@code invalid_oauth_token}: the provider's token is not valid, not for this app, or expired. */
    public static ApiException invalidToken(OAuthProvider provider) {
        return new ApiException(
                HttpStatus.UNAUTHORIZED,
                "invalid_oauth_token",
                "The " + provider.id() + " token is invalid, expired or was not issued to this app");
    }

    /**
     * 503 {@code oauth_provider_unavailable}: the provider could not be asked (timeout, connection refused, 5xx, 429),
     * so nothing can be said about the token; the client may retry.
     */
    public static ApiException providerUnavailable(OAuthProvider provider) {
        var exception = new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "oauth_provider_unavailable",
                "Could not reach " + provider.id() + " to verify the token; try again shortly");
        exception.headers().set(HttpHeaders.RETRY_AFTER, Integer.toString(PROVIDER_RETRY_AFTER_SECONDS));
        return exception;
    }

    /**
     * 409 {@code email_unverified_account_exists}: the provider's verified address belongs to an account whose own
     * address was never confirmed. Linking would hand that account to whoever registered it; the address's owner takes
     * it over with a password reset instead.
     */
    public static ApiException emailUnverifiedAccountExists() {
        return ApiException.conflict(
                "email_unverified_account_exists",
                "An account with this email exists but its address is not confirmed. Reset its password with a link"
                        + " mailed to the address, then sign in with this provider again.");
    }

    /** 409 {@code provider_already_linked}: the matching account already has another identity of this provider. */
    public static ApiException providerAlreadyLinked(OAuthProvider provider) {
        return ApiException.conflict(
                "provider_already_linked",
                "The account with this email is linked to another " + provider.id() + " account");
    }

    /** 409 {@code last_sign_in_method}: unlinking would leave the account with no way to sign in. */
    public static ApiException lastSignInMethod() {
        return ApiException.conflict(
                "last_sign_in_method",
                "This is the account's only way to sign in; set a password (reset link) or link another provider"
                        + " first");
    }

    public static ApiException identityNotFound() {
        return ApiException.notFound("Linked identity");
    }
}
