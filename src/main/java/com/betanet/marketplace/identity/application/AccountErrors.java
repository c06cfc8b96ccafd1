package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.FieldError;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Failures of the account lifecycle endpoints (verification, reset, changes of password and email). */
final class AccountErrors {

    private AccountErrors() {}

    /** A wrong current password on an endpoint that confirms it: 400, unlike the 401 of a failed sign-in. */
    static ApiException wrongPassword(String field) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "invalid_credentials",
                "The password is not correct",
                List.of(new FieldError(field, "Is not correct")));
    }

    static ApiException invalidVerificationToken() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "invalid_verification_token",
                "The verification link is unknown, already used or expired");
    }

    static ApiException invalidResetToken() {
        return new ApiException(
                HttpStatus.BAD_REQUEST, "invalid_reset_token", "The reset link is unknown, already used or expired");
    }

    static ApiException concurrentUpdate() {
        return ApiException.conflict("conflict", "The account changed meanwhile; load it again and retry");
    }
}
