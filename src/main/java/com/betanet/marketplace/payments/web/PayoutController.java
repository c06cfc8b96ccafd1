package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.payout.Payout;
import com.betanet.marketplace.payments.payout.PayoutMethod;
import com.betanet.marketplace.payments.payout.PayoutService;
import com.betanet.marketplace.payments.payout.PayoutStatus;
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
@RequestMapping("/api/v1/wallet/payouts")
@Tag(name = "Wallet", description = "The caller's balance and ledger lines")
class PayoutController {

    private final PayoutService payouts;
    private final IdempotentRequests idempotent;

    PayoutController(PayoutService payouts, IdempotentRequests idempotent) {
        this.payouts = payouts;
        this.idempotent = idempotent;
    }

    record MoneyRequest(
            @NotNull Long amount,
            @NotNull @Size(min = 3, max = 3) String currency) {}

    record CreatePayoutRequest(
            @NotNull @Valid MoneyRequest amount,
            @NotNull PayoutMethod method,
            @Nullable @Size(max = 20) String phoneNumber) {}

    /** The contract's {@code Payout}, plus where it went and how it ended. */
    record PayoutView(
            UUID id,
            PayoutStatus status,
            Money amount,
            PayoutMethod method,
            String phoneNumber,
            @Nullable String receipt,
            @Nullable String failureReason,
            Instant createdAt,
            Instant updatedAt) {

        static PayoutView of(Payout payout) {
            return new PayoutView(
                    payout.id(),
                    payout.status(),
                    payout.amount(),
                    payout.method(),
                    payout.phoneNumber(),
                    payout.receipt(),
                    payout.failureReason(),
                    payout.createdAt(),
                    payout.updatedAt());
        }
    }

    @PostMapping
    @Operation(
            summary = "Pay out of the wallet to M-Pesa (Idempotency-Key required)",
            description = "The amount is taken from the wallet's available balance at once (it shows under "
                    + "pendingPayouts) and sent by M-Pesa B2C to phoneNumber. The payout is PENDING until M-Pesa "
                    + "answers: SUCCEEDED, or FAILED with the money available again. M-Pesa pays whole shillings.")
    @ProblemCodes({
        "400 validation_failed",
        "400 idempotency_key_required",
        "401 unauthorized",
        "409 insufficient_funds",
        "409 idempotency_request_in_progress",
        "422 amount_not_payable",
        "422 idempotency_key_reused"
    })
    ResponseEntity<?> create(
            CurrentUser caller,
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
            @Valid @RequestBody CreatePayoutRequest request) {
        return idempotent.execute(caller.id(), key, "POST /wallet/payouts", request, () -> {
            var payout = payouts.request(
                    caller,
                    request.amount().amount(),
                    request.amount().currency(),
                    request.method(),
                    request.phoneNumber());
            return ResponseEntity.accepted().body(PayoutView.of(payout));
        });
    }

    @GetMapping("/{id}")
    @Operation(summary = "A payout of the caller's")
    @ProblemCodes({"400 validation_failed", "401 unauthorized", "404 not_found"})
    PayoutView payout(CurrentUser caller, @PathVariable UUID id) {
        return PayoutView.of(payouts.view(caller, id));
    }
}
