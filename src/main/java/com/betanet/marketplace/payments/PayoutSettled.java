package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payout of {@code userId}'s wallet reached its end, published in the transaction that settled its ledger hold:
 * {@code succeeded} — the money is on the user's phone (the hold was posted); otherwise it definitely failed for
 * {@code reason} and the money is available in the wallet again (the hold was voided).
 */
public record PayoutSettled(
        UUID payoutId,
        UUID userId,
        Money amount,
        boolean succeeded,
        @Nullable String reason,
        Instant at) {}
