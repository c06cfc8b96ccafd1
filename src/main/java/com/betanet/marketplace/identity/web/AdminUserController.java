package com.betanet.marketplace.identity.web;

import com.betanet.marketplace.identity.application.AdminUsers;
import com.betanet.marketplace.identity.application.AdminUsers.AccountStatus;
import com.betanet.marketplace.identity.application.AdminUsers.AdminUserView;
import com.betanet.marketplace.identity.application.SuspensionService;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Account moderation for admins: finding accounts, suspending and reinstating them. */
@RestController
@RequestMapping("/api/v1/admin/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: users", description = "Finding, suspending and reinstating accounts")
class AdminUserController {

    private final SuspensionService suspensions;
    private final AdminUsers users;

    AdminUserController(SuspensionService suspensions, AdminUsers users) {
        this.suspensions = suspensions;
        this.users = users;
    }

    @GetMapping
    @Operation(
            summary = "Accounts, newest first",
            description = "q: any part of the email, username or full name (case-insensitive; at most 100"
                    + " characters). status: ACTIVE or SUSPENDED. role: BUYER (everyone), SELLER or ADMIN. A cursor"
                    + " only continues the list it came from.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden"})
    Page<AdminUserView> list(
            CurrentUser admin, // marks the endpoint as bearer-secured
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable AccountStatus status,
            @RequestParam(required = false) @Nullable Role role,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return users.list(q, status, role, PageRequest.of(limit, cursor));
    }

    @PostMapping("/{id}/suspend")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Suspend an account",
            description = "Ends every session of the account now; its access tokens are refused within 60 seconds "
                    + "and login and refresh answer 403 account_suspended. Suspending a suspended account is a no-op.")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 cannot_suspend_self"
    })
    void suspend(CurrentUser admin, @PathVariable UUID id) {
        suspensions.suspend(admin.id(), id);
    }

    @PostMapping("/{id}/reinstate")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Lift a suspension",
            description = "The account may sign in again; sessions ended by the suspension stay ended.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden", "404 not_found"})
    void reinstate(CurrentUser admin, @PathVariable UUID id) { // CurrentUser marks the endpoint as bearer-secured
        suspensions.reinstate(id);
    }
}
