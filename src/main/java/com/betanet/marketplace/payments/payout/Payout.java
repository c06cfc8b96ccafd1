package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A payout row. {@code phoneNumber} is normalised ({@code 2547XXXXXXXX}). */
public record Payout(
        UUID id,
        UUID userId,
        Money amount,
        PayoutMethod method,
        Provider provider,
        String phoneNumber,
        PayoutStatus status,
        String originatorConversationId,
        @Nullable String conversationId,
        @Nullable String receipt,
        @Nullable String failureReason,
        @Nullable Instant sentAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The pending transfer wallet → payouts in flight that holds the payout's money. */
    public UUID holdTransferId() {
        return Transfer.idFor("payout:" + id);
    }

    /** The transfer payouts in flight → the provider's clearing account once the provider paid. */
    UUID paidTransferId() {
        return Transfer.idFor("payout-paid:" + id);
    }

    AccountKey wallet() {
        return AccountKey.wallet(userId);
    }

    AccountKey inFlight() {
        return AccountKey.payoutsInFlight(provider.name());
    }

    AccountKey clearing() {
        return AccountKey.clearing(provider.name());
    }

    /** Whole shillings, as M-Pesa takes them (checked when the payout is created). */
    public long wholeShillings() {
        return amount.amount() / 100;
    }
}
