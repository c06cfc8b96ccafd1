package com.betanet.marketplace.identity.web;

import com.betanet.marketplace.identity.application.AuthResponse;
import com.betanet.marketplace.identity.application.AuthService;
import com.betanet.marketplace.identity.application.RegisterCommand;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Auth", description = "Sign-up, sign-in and sessions")
class AuthController {

    private final AuthService auth;

    AuthController(AuthService auth) {
        this.auth = auth;
    }

    record RegisterRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 512) String password,
            @NotBlank @Size(max = 30) String username,
            @NotBlank @Size(max = 100) String fullName,
            @NotNull Role role,
            @Nullable @Size(max = 100) String shopName) {}

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 512) String password) {}

    record RefreshRequest(@NotBlank @Size(max = 512) String refreshToken) {}

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account (a verification mail is sent)")
    @ProblemCodes({"400 validation_failed", "409 email_taken", "409 username_taken", "429 rate_limited"})
    AuthResponse register(@Valid @RequestBody RegisterRequest request) {
        return auth.register(new RegisterCommand(
                request.email(),
                request.password(),
                request.username(),
                request.fullName(),
                request.role(),
                request.shopName()));
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with email and password")
    @ProblemCodes({"400 validation_failed", "401 invalid_credentials", "403 account_suspended", "429 rate_limited"})
    AuthResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        // The remote address is the client's: Tomcat resolves X-Forwarded-For from trusted proxies (native strategy).
        return auth.login(request.email(), request.password(), http.getRemoteAddr());
    }

    @PostMapping("/refresh")
    @Operation(summary = "Trade a refresh token for a new pair (the old one is spent)")
    @ProblemCodes({
        "400 validation_failed",
        "401 invalid_refresh_token",
        "401 refresh_token_reused",
        "403 account_suspended",
        "429 rate_limited"
    })
    AuthResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return auth.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the sign-in the refresh token belongs to")
    @ProblemCodes({"400 validation_failed", "401 unauthorized"})
    void logout(CurrentUser caller, @Valid @RequestBody RefreshRequest request) {
        auth.logout(caller.id(), request.refreshToken());
    }
}
