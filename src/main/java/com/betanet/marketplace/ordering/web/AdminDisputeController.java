package com.betanet.marketplace.ordering.web;

import com.betanet.marketplace.ordering.application.DisputeService;
import com.betanet.marketplace.ordering.application.DisputeService.DisputeView;
import com.betanet.marketplace.ordering.domain.DisputeOutcome;
import com.betanet.marketplace.ordering.domain.DisputeStatus;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Buyer protection: admins see the disputes and decide them. */
@RestController
@RequestMapping("/api/v1/admin/disputes")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: disputes", description = "Disputed orders and their resolution")
class AdminDisputeController {

    private final DisputeService disputes;

    AdminDisputeController(DisputeService disputes) {
        this.disputes = disputes;
    }

    // the note becomes the refund's reason at the provider, whose limit is 500 characters
    record ResolveRequest(
            @NotNull DisputeOutcome outcome,
            @NotBlank @Size(max = 500) String note) {}

    @GetMapping
    @Operation(summary = "Disputes, newest first, optionally of one status (OPEN or RESOLVED)")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden"})
    Page<DisputeView> list(
            CurrentUser admin,
            @RequestParam(required = false) @Nullable DisputeStatus status,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return disputes.list(status, PageRequest.of(limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One dispute")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden", "404 not_found"})
    DisputeView dispute(CurrentUser admin, @PathVariable UUID id) { // CurrentUser marks the endpoint as bearer-secured
        return disputes.view(id);
    }

    @PostMapping("/{id}/resolve")
    @Operation(
            summary = "Resolve a dispute",
            description = "RELEASE: the order becomes COMPLETED and the seller is paid their share (the platform its"
                    + " commission). REFUND: the order becomes REFUNDED and its subtotal is refunded to the buyer."
                    + " The admin and the note are recorded on the dispute and the order's timeline.")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 dispute_resolved",
        "409 payment_charged_back"
    })
    DisputeView resolve(CurrentUser admin, @PathVariable UUID id, @Valid @RequestBody ResolveRequest request) {
        return disputes.resolve(admin, id, request.outcome(), request.note());
    }
}
