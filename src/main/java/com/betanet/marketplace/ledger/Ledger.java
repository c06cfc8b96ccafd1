package com.betanet.marketplace.ledger;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The ledger's API. Every method joins the caller's transaction (propagation MANDATORY or REQUIRED), so money moves
 * exactly when the business change that causes it commits.
 *
 * <p>Idempotency: a transfer whose id was already written with the same accounts, amount and code is skipped
 * (the call returns normally: a redelivered event is harmless); the same id with different contents is a bug and
 * throws {@link IllegalStateException}.
 */
public interface Ledger {

    /**
     * Writes the transfers as posted, linked: all of them or none. Throws {@link InsufficientFundsException} (409
     * {@code insufficient_funds}) when one would take a must-not-go-negative account below zero; nothing is then
     * written. Returns {@code false} when every transfer existed already (a replay), {@code true} otherwise.
     */
    boolean post(List<Transfer> transfers);

    /** Like {@link #post}, but the transfers are pending: funds are held on both accounts until posted or voided. */
    boolean hold(List<Transfer> pending);

    /**
     * Posts pending transfers (the whole held amount). Posting one that is already posted does nothing; posting a
     * voided one throws {@link IllegalStateException}.
     */
    void postPending(List<UUID> pendingIds);

    /** Voids pending transfers, returning the held funds. Voiding one already voided does nothing. */
    void voidPending(List<UUID> pendingIds);

    /** The state of a transfer, if it exists. */
    Optional<TransferState> state(UUID transferId);

    /** The balance of an account (all zero when it does not exist yet). */
    Balance balance(AccountKey account, String currency);

    /** Posted and pending lines of one account, newest first, for wallet statements. */
    List<Entry> entries(AccountKey account, String currency, int limit, @Nullable UUID beforeTransferId);

    /** Every account's balance and whether they sum to zero (they must). */
    TrialBalance trialBalance();

    /**
     * Whether, for every currency, posted debits equal posted credits and pending debits pending credits: the
     * {@code balanced} of {@link #trialBalance()} in one aggregate query, without listing the accounts.
     */
    boolean isBalanced();

    enum TransferState {
        POSTED,
        PENDING,
        VOIDED
    }

    /**
     * Sums of one account, in minor units. For a credit-normal account (wallet, escrow) {@link #available()} is what
     * may still be spent.
     */
    record Balance(String currency, long debitsPosted, long creditsPosted, long debitsPending, long creditsPending) {

        /** credits posted − debits posted − debits pending. */
        public Money available() {
            return Money.of(creditsPosted - debitsPosted - debitsPending, currency);
        }

        /** Money on its way in (pending credits). */
        public Money incoming() {
            return Money.of(creditsPending, currency);
        }

        /** Money on its way out (pending debits). */
        public Money outgoing() {
            return Money.of(debitsPending, currency);
        }
    }

    /** One line of an account's statement: {@code amount} signed (+ credit, − debit). */
    record Entry(
            UUID transferId,
            Money amount,
            TransferState state,
            String code,
            String referenceType,
            UUID referenceId,
            @Nullable String description,
            Instant createdAt) {}

    record AccountBalance(AccountKey account, Balance balance) {}

    /** {@code balanced}: for every currency, posted debits equal posted credits and pending debits pending credits. */
    record TrialBalance(boolean balanced, List<AccountBalance> accounts) {}

    /** Convenience for one transfer. */
    default boolean post(Transfer transfer) {
        return post(List.of(transfer));
    }

    /** Convenience for one pending transfer. */
    default boolean hold(Transfer pending) {
        return hold(List.of(pending));
    }

    static UUID idFor(String businessKey) {
        return Transfer.idFor(businessKey);
    }
}
