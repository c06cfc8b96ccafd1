package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.provider.PaymentProvider.PaymentRequest;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A payment row.
 *
 * @param refundedAmount what of it refunds paid back out of its escrow, in minor units
 * @param suspenseAmount what arrived for it with another amount than its own and went to SUSPENSE, in minor units
 */
public record Payment(
        UUID id,
        PaymentPurpose purpose,
        UUID referenceId,
        UUID payerId,
        PaymentMethod method,
        Provider provider,
        PaymentStatus status,
        Money amount,
        @Nullable String phoneNumber,
        @Nullable String providerReference,
        @Nullable String clientSecret,
        @Nullable String failureReason,
        long refundedAmount,
        long suspenseAmount,
        boolean flagged,
        boolean chargedBack,
        Instant createdAt,
        Instant updatedAt) {

    /** Where the money of a succeeded payment is held: the escrow of what it paid for. */
    public AccountKey escrow() {
        return switch (purpose) {
            case CHECKOUT -> AccountKey.checkoutEscrow(referenceId);
            case AD_CAMPAIGN -> AccountKey.campaignEscrow(referenceId);
        };
    }

    /** Where the provider holds the money before it is ours to allocate. */
    public AccountKey clearing() {
        return AccountKey.clearing(provider.name());
    }

    public PaymentRequest request() {
        return new PaymentRequest(id, purpose, referenceId, method, amount, phoneNumber);
    }
}
