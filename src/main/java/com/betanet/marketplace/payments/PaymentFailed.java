package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;

/** The payment did not go through (cancelled by the payer, timed out, declined, or money of another amount). */
public record PaymentFailed(
        UUID paymentId,
        PaymentPurpose purpose,
        UUID referenceId,
        UUID payerId,
        Money amount,
        PaymentMethod method,
        String reason,
        Instant at) {}
