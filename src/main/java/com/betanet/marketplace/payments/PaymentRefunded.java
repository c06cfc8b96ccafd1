package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The provider confirmed a refund of {@code amount} of the payment; the ledger's refund transfer is posted. */
public record PaymentRefunded(
        UUID paymentId,
        UUID refundId,
        PaymentPurpose purpose,
        UUID referenceId,
        UUID payerId,
        Money amount,
        @Nullable PaymentMethod method, // null only in events recorded before it was carried
        Instant at) {}
