package com.betanet.marketplace.identity.oauth.web;

import com.betanet.marketplace.identity.application.AuthResponse;
import com.betanet.marketplace.identity.oauth.OAuthSignInService;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in for apps that already hold a provider token (mobile SDKs, Google Identity Services on the web). */
@RestController
@RequestMapping("/api/v1/auth/oauth")
@Tag(name = "Auth")
class OAuthController {

    private final OAuthSignInService signIn;

    OAuthController(OAuthSignInService signIn) {
        this.signIn = signIn;
    }

    /** Google: an ID token issued to our client id; Facebook and X: a user access token. */
    record OAuthSignInRequest(@NotBlank @Size(max = 8192) String token) {}

    @PostMapping("/{provider}")
    @Operation(
            summary = "Sign in with a Google, Facebook or X (twitter) token",
            description = "`provider` is `google` (token: an ID token whose audience is our client id), `facebook` or"
                    + " `twitter` (a user access token). The first sign-in creates a BUYER account (username and"
                    + " name from the provider, its picture as avatar). Its email is the provider's only when the"
                    + " provider vouches for it (Google's `email_verified`; Facebook's only if the operator trusts it;"
                    + " X gives none); otherwise the account has no email and the user adds one with"
                    + " POST /users/me/email. A verified provider email equal to an existing account's email links"
                    + " to it only if that account's email is verified too (else 409"
                    + " email_unverified_account_exists). A provider that cannot be reached is 503"
                    + " oauth_provider_unavailable (retry later), never a token error.")
    @ProblemCodes({
        "400 validation_failed",
        "400 unknown_provider",
        "401 invalid_oauth_token",
        "403 account_suspended",
        "409 email_unverified_account_exists",
        "409 provider_already_linked",
        "429 rate_limited",
        "503 oauth_provider_unavailable"
    })
    AuthResponse signIn(@PathVariable String provider, @Valid @RequestBody OAuthSignInRequest request) {
        return signIn.signInWithToken(provider, request.token());
    }
}
