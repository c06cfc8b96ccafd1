package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * The provider confirmed the payment and its money is in the reference's escrow (posted in the same transaction as
 * this event). The owning module reacts: a checkout becomes PAID, or, when it can no longer be, the payment is
 * refunded through {@link PaymentsApi#refund}.
 */
public record PaymentSucceeded(
        UUID paymentId,
        PaymentPurpose purpose,
        UUID referenceId,
        UUID payerId,
        Money amount,
        PaymentMethod method,
        Instant at) {}
