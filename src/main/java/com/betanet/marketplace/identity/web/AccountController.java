package com.betanet.marketplace.identity.web;

import com.betanet.marketplace.identity.application.AccountService;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Links that arrive by mail: confirming the email address and resetting a forgotten password. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    record VerifyEmailRequest(@NotBlank @Size(max = 512) String token) {}

    record ForgotPasswordRequest(@NotBlank @Size(max = 254) String email) {}

    record ResetPasswordRequest(
            @NotBlank @Size(max = 512) String token,
            @NotNull @Size(max = 512) String newPassword) {}

    @PostMapping("/email/verify")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Confirm an email address with the token from a verification or email-change mail",
            description = "A token from an email-change mail switches the account to the new address.")
    @ProblemCodes({"400 validation_failed", "400 invalid_verification_token", "409 email_taken"})
    void verifyEmail(@Valid @RequestBody VerifyEmailRequest request) {
        accounts.verifyEmail(request.token());
    }

    @PostMapping("/email/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Mail a new verification link",
            description = "Always 202; when the address is verified already, nothing is sent. At most five links an"
                    + " hour are mailed to one account.")
    @ProblemCodes({"401 unauthorized"})
    void resendVerification(CurrentUser caller) {
        accounts.resendVerification(caller.id());
    }

    @PostMapping("/password/forgot")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Mail a password reset link",
            description = "Always 202, whether or not an account has this address; the link (valid one hour) is"
                    + " mailed only when one does.")
    @ProblemCodes({"400 validation_failed", "429 rate_limited"})
    void forgotPassword(@Valid @RequestBody ForgotPasswordRequest request) {
        accounts.requestPasswordReset(request.email());
    }

    @PostMapping("/password/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Set a new password with the token from a reset mail",
            description = "Signs the account out everywhere, kills every other mailed link and marks the email as"
                    + " verified. The token works once.")
    @ProblemCodes({"400 validation_failed", "400 invalid_reset_token", "429 rate_limited"})
    void resetPassword(@Valid @RequestBody ResetPasswordRequest request) {
        accounts.resetPassword(request.token(), request.newPassword());
    }
}
