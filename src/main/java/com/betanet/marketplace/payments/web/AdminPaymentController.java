package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.application.AdminPayments;
import com.betanet.marketplace.payments.application.AdminPayments.AdminPaymentView;
import com.betanet.marketplace.payments.application.PaymentStatus;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.AmountInput;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every payment and its refunds, for admins. */
@RestController
@RequestMapping("/api/v1/admin/payments")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Admin: payments", description = "Payments and refunds, flagged ones first to look at")
class AdminPaymentController {

    private final AdminPayments payments;

    AdminPaymentController(AdminPayments payments) {
        this.payments = payments;
    }

    @GetMapping
    @Operation(
            summary = "Payments, newest first, with their refunds",
            description = "Filters: status, flagged (true: amounts booked to suspense, chargebacks), method, payerId,"
                    + " referenceId (a checkout). A cursor only continues the list it came from.")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden"})
    Page<AdminPaymentView> list(
            CurrentUser admin, // marks the endpoint as bearer-secured
            @RequestParam(required = false) @Nullable PaymentStatus status,
            @RequestParam(required = false) @Nullable Boolean flagged,
            @RequestParam(required = false) @Nullable PaymentMethod method,
            @RequestParam(required = false) @Nullable UUID payerId,
            @RequestParam(required = false) @Nullable UUID referenceId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return payments.list(
                new AdminPayments.Filter(status, flagged, method, payerId, referenceId), PageRequest.of(limit, cursor));
    }

    /** Both optional (the contract's body is {@code {amount?}}); the note is kept in the refund's reason. */
    record RefundRequest(
            @Nullable @Valid AmountInput amount,
            @Nullable @Size(max = 400) String note) {}

    @PostMapping("/{id}/refund")
    @Operation(
            summary = "Refund money of a payment that nothing holds",
            description = "What a refund the provider refused left in escrow, or a payment no order took; or else"
                    + " what arrived for the payment with another amount and was booked to suspense (the refund's"
                    + " source says which). amount defaults to all of it. Money held for an order is refunded by"
                    + " cancelling the order or resolving its dispute instead. 201 with the payment and its refunds"
                    + " (the new one PENDING until the provider confirms).")
    @ProblemCodes({
        "400 validation_failed",
        "401 unauthorized",
        "403 forbidden",
        "404 not_found",
        "409 nothing_to_refund",
        "409 refund_too_large"
    })
    ResponseEntity<AdminPaymentView> refund(
            CurrentUser admin,
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) @Nullable RefundRequest request) {
        var amount = request == null ? null : request.amount();
        var note =
                request == null || request.note() == null ? "" : request.note().strip();
        return ResponseEntity.status(HttpStatus.CREATED).body(payments.refund(admin.id(), id, amount, note));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One payment with its refunds")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "403 forbidden", "404 not_found"})
    AdminPaymentView payment(CurrentUser admin, @PathVariable UUID id) {
        return payments.view(id);
    }
}
