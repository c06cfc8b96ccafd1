package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;

/** The provider confirmed a refund of {@code amount} of the payment; the ledger's refund transfer is posted. */
public record PaymentRefunded(
        UUID paymentId,
        UUID refundId,
        PaymentPurpose purpose,
        UUID referenceId,
        UUID payerId,
        Money amount,
        Instant at) {}
