package com.betanet.marketplace.identity.web;

import com.betanet.marketplace.identity.application.AccountService;
import com.betanet.marketplace.identity.application.AuthResponse;
import com.betanet.marketplace.identity.application.ProfileService;
import com.betanet.marketplace.identity.application.PublicProfile;
import com.betanet.marketplace.identity.application.UserDirectory;
import com.betanet.marketplace.identity.application.UserSummary;
import com.betanet.marketplace.identity.application.UserView;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.PatchDocument;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The caller's own account (profile, selling, password, email) and finding other people. */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Profiles, seller activation, password and email changes, user search")
class ProfileController {

    private final ProfileService profiles;
    private final AccountService accounts;
    private final UserDirectory directory;

    ProfileController(ProfileService profiles, AccountService accounts, UserDirectory directory) {
        this.profiles = profiles;
        this.accounts = accounts;
        this.directory = directory;
    }

    /** The fields {@code PATCH /users/me} accepts (for the OpenAPI document; the body is read as a merge patch). */
    record EditProfileRequest(
            @Nullable String fullName,
            @Nullable String username,
            @Nullable String bio,
            @Nullable String phoneNumber,
            @Nullable String shopName) {}

    record BecomeSellerRequest(@NotBlank @Size(max = 100) String shopName) {}

    record ChangePasswordRequest(
            @NotNull @Size(max = 512) String currentPassword,
            @NotNull @Size(max = 512) String newPassword) {}

    /** {@code password} is required when the account has one; an account without (social login only) omits it. */
    record ChangeEmailRequest(
            @NotBlank @Size(max = 254) String newEmail,
            @Nullable @Size(max = 512) String password) {}

    @GetMapping("/me")
    @Operation(summary = "The caller's account")
    @ProblemCodes({"401 unauthorized"})
    UserView me(CurrentUser caller) {
        return profiles.me(caller.id());
    }

    @PatchMapping("/me")
    @Operation(
            summary = "Edit the caller's profile (JSON merge patch)",
            description = "Absent fields stay as they are; null clears bio, phoneNumber and shopName (a seller keeps"
                    + " a shop name); fullName and username cannot be null. Phone numbers are stored in E.164."
                    + " Any other field is refused, and nothing is stored when any field is invalid.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "409 username_taken", "409 conflict"})
    UserView edit(
            CurrentUser caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = EditProfileRequest.class)))
                    @RequestBody
                    JsonNode body) {
        return profiles.edit(caller.id(), PatchDocument.of(body, ProfileService.EDITABLE_FIELDS));
    }

    @PostMapping("/me/roles/seller")
    @Operation(
            summary = "Start selling",
            description = "Answers with a new session whose access token carries SELLER. Already a seller: nothing"
                    + " changes (edit the shop name with PATCH) and fresh tokens are returned all the same.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 account_suspended"})
    AuthResponse becomeSeller(CurrentUser caller, @Valid @RequestBody BecomeSellerRequest request) {
        return profiles.becomeSeller(caller.id(), request.shopName());
    }

    @PostMapping("/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Change the password",
            description = "Every other session (refresh-token family) is ended; the caller's own one stays.")
    @ProblemCodes({"400 validation_failed", "400 invalid_credentials", "401 unauthorized", "409 conflict"})
    void changePassword(CurrentUser caller, @Valid @RequestBody ChangePasswordRequest request) {
        accounts.changePassword(caller.id(), caller.sessionId(), request.currentPassword(), request.newPassword());
    }

    @PostMapping("/me/email")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Change the email address, or add one to an account that has none",
            description = "A link goes to the new address, and the current one (if any) is told. The account keeps"
                    + " its current address until the link is used with POST /auth/email/verify. `password` is"
                    + " required when the account has a password (without it: 400 validation_failed on `password`);"
                    + " an account made through a social login that has none omits it, its access token being the"
                    + " proof.")
    @ProblemCodes({"400 validation_failed", "400 invalid_credentials", "401 unauthorized", "409 email_taken"})
    void changeEmail(CurrentUser caller, @Valid @RequestBody ChangeEmailRequest request) {
        accounts.requestEmailChange(caller.id(), request.newEmail(), request.password());
    }

    @GetMapping("/search")
    @Operation(
            summary = "Find people by username or name",
            description = "Prefix and typo-tolerant matches, best first; suspended accounts are left out.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized"})
    Page<UserSummary> search(
            CurrentUser caller,
            @RequestParam String q,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return directory.search(q, PageRequest.of(limit, cursor));
    }

    @GetMapping("/{username}")
    @Operation(summary = "Anyone's public profile (no email, no phone number)")
    @ProblemCodes({"404 not_found"})
    PublicProfile publicProfile(@PathVariable String username) {
        return profiles.publicProfile(username);
    }
}
