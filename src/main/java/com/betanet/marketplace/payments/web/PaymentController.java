package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.application.Payment;
import com.betanet.marketplace.payments.application.PaymentService;
import com.betanet.marketplace.payments.application.PaymentStatus;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.idempotency.IdempotentRequests;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments", description = "Paying a checkout (or an ad campaign) by M-Pesa or card")
class PaymentController {

    private final PaymentService payments;
    private final IdempotentRequests idempotent;

    PaymentController(PaymentService payments, IdempotentRequests idempotent) {
        this.payments = payments;
        this.idempotent = idempotent;
    }

    record CreatePaymentRequest(
            @NotNull PaymentPurpose purpose,
            @NotNull UUID referenceId,
            @NotNull PaymentMethod method,
            @Nullable @Size(max = 20) String phoneNumber) {}

    /** The contract's {@code Payment}; the client secret is shown to the payer only. */
    record PaymentView(
            UUID id,
            PaymentPurpose purpose,
            UUID referenceId,
            PaymentMethod method,
            PaymentStatus status,
            Money amount,
            @Nullable String providerReference,
            @Nullable String clientSecret,
            @Nullable String failureReason,
            Instant createdAt,
            Instant updatedAt) {

        static PaymentView of(Payment payment, CurrentUser caller) {
            return new PaymentView(
                    payment.id(),
                    payment.purpose(),
                    payment.referenceId(),
                    payment.method(),
                    payment.status(),
                    payment.amount(),
                    payment.providerReference(),
                    payment.payerId().equals(caller.id()) ? payment.clientSecret() : null,
                    payment.failureReason(),
                    payment.createdAt(),
                    payment.updatedAt());
        }
    }

    @PostMapping
    @Operation(
            summary = "Pay a checkout (Idempotency-Key required)",
            description = "The amount is the checkout's own. MPESA: 202, an STK push goes to phoneNumber and the"
                    + " payment settles by callback. CARD: 201 with the clientSecret of a Stripe PaymentIntent. When"
                    + " the payment succeeds, the checkout becomes PAID and its orders CONFIRMED.")
    @ProblemCodes({
        "400 validation_failed",
        "400 idempotency_key_required",
        "401 unauthorized",
        "404 not_found",
        "409 already_paid",
        "409 payment_in_progress",
        "409 checkout_expired",
        "409 idempotency_request_in_progress",
        "422 amount_not_payable",
        "422 idempotency_key_reused"
    })
    ResponseEntity<?> create(
            CurrentUser caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
            @Valid @RequestBody CreatePaymentRequest request) {
        return idempotent.executeOutsideTransaction(caller.id(), key, "POST /payments", request, () -> {
            var payment = payments.create(
                    caller, request.purpose(), request.referenceId(), request.method(), request.phoneNumber());
            return ResponseEntity.status(request.method() == PaymentMethod.MPESA ? 202 : 201)
                    .body(PaymentView.of(payment, caller));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "A payment of the caller's (admins see every payment)")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "404 not_found"})
    PaymentView payment(CurrentUser caller, @PathVariable UUID id) {
        return PaymentView.of(payments.view(caller, id), caller);
    }
}
