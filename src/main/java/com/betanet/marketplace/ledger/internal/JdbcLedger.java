package com.betanet.marketplace.ledger.internal;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.InsufficientFundsException;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger in PostgreSQL. Writes require the caller's transaction ({@code MANDATORY}): money moves exactly when the
 * business change that causes it commits. A write that may be refused (it debits an account that may not go
 * negative) runs inside a savepoint of that transaction, so it is all or nothing on its own: when it throws
 * {@link InsufficientFundsException}, nothing of the call is left and the caller's transaction is NOT marked
 * rollback-only; the caller may catch it and carry on (answer 409, try something else) or let it propagate and roll
 * back. Any other exception (a replayed id with other contents, a bug) marks the caller's transaction rollback-only,
 * so nothing of it is ever committed; writes that cannot be refused, and settling, need no savepoint.
 */
@Service
class JdbcLedger implements Ledger {

    private final LedgerAccounts accounts;
    private final LedgerTransfers transfers;
    private final Savepoints savepoints;
    private final Clock clock;

    JdbcLedger(LedgerAccounts accounts, LedgerTransfers transfers, Savepoints savepoints, Clock clock) {
        this.accounts = accounts;
        this.transfers = transfers;
        this.savepoints = savepoints;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = InsufficientFundsException.class)
    public boolean post(List<Transfer> transfers) {
        return write(transfers, false);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = InsufficientFundsException.class)
    public boolean hold(List<Transfer> pending) {
        return write(pending, true);
    }

    // the interface's single-transfer defaults are overridden so that they, too, go through the transactional proxy
    @Override
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = InsufficientFundsException.class)
    public boolean post(Transfer transfer) {
        return write(List.of(transfer), false);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = InsufficientFundsException.class)
    public boolean hold(Transfer pending) {
        return write(List.of(pending), true);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void postPending(List<UUID> pendingIds) {
        settle(pendingIds, TransferState.POSTED);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void voidPending(List<UUID> pendingIds) {
        settle(pendingIds, TransferState.VOIDED);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TransferState> state(UUID transferId) {
        return transfers.state(transferId);
    }

    @Override
    @Transactional(readOnly = true)
    public Balance balance(AccountKey account, String currency) {
        return accounts.balance(new AccountRef(account, currency)).orElseGet(() -> new Balance(currency, 0, 0, 0, 0));
    }

    @Override
    @Transactional(readOnly = true)
    public List<Entry> entries(AccountKey account, String currency, int limit, @Nullable UUID beforeTransferId) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        return accounts.find(new AccountRef(account, currency))
                .map(id -> transfers.entries(id, limit, beforeTransferId))
                .orElseGet(List::of);
    }

    @Override
    @Transactional(readOnly = true)
    public TrialBalance trialBalance() {
        // each query reads committed data only, and committed data is balanced; so the two agree
        return new TrialBalance(accounts.balanced(), accounts.all());
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isBalanced() {
        return accounts.balanced();
    }

    private boolean write(List<Transfer> batch, boolean pending) {
        if (batch.isEmpty()) {
            return false;
        }
        var ids = new HashSet<UUID>();
        for (var transfer : batch) {
            if (!ids.add(transfer.id())) {
                throw new IllegalArgumentException("Transfer " + transfer.id() + " is twice in one call");
            }
        }
        // Only a debit of an account that may not go negative can be refused (InsufficientFundsException, which
        // leaves the caller's transaction usable and so needs the savepoint); any other failure marks the caller's
        // transaction rollback-only, and a call that cannot be refused saves the savepoint's two round trips.
        boolean refusable =
                batch.stream().anyMatch(transfer -> transfer.debit().type().mustNotGoNegative());
        return refusable ? savepoints.atomically(() -> apply(batch, pending)) : apply(batch, pending);
    }

    private boolean apply(List<Transfer> batch, boolean pending) {
        var now = now();
        var refs = new ArrayList<AccountRef>();
        for (var transfer : batch) {
            refs.add(new AccountRef(transfer.debit(), transfer.amount().currency()));
            refs.add(new AccountRef(transfer.credit(), transfer.amount().currency()));
        }
        var accountIds = accounts.ensure(refs, now);
        var refsById = new HashMap<Long, AccountRef>();
        var checked = new HashSet<Long>();
        accountIds.forEach((ref, id) -> {
            refsById.put(id, ref);
            if (ref.key().type().mustNotGoNegative()) {
                checked.add(id);
            }
        });

        var movements = new HashMap<Long, Movement>();
        boolean wroteAny = false;
        // transfers in id order: two calls writing the same ids wait for each other in the same order
        for (var transfer :
                batch.stream().sorted(Comparator.comparing(Transfer::id)).toList()) {
            var currency = transfer.amount().currency();
            long debit = accountIds.get(new AccountRef(transfer.debit(), currency));
            long credit = accountIds.get(new AccountRef(transfer.credit(), currency));
            if (transfers.insert(transfer, debit, credit, pending, now)) {
                long amount = transfer.amount().amount();
                movements.merge(debit, Movement.debit(amount, pending), Movement::plus);
                movements.merge(credit, Movement.credit(amount, pending), Movement::plus);
                wroteAny = true;
            } else {
                requireSameAsStored(transfer, debit, credit, pending);
            }
        }
        accounts.apply(
                movements,
                checked,
                id -> new InsufficientFundsException(refsById.get(id).key()));
        // not before: a refused call's savepoint takes the accounts it created with it
        accounts.rememberOnceCommitted(accountIds);
        return wroteAny;
    }

    private void requireSameAsStored(Transfer transfer, long debit, long credit, boolean pending) {
        var stored = transfers
                .find(transfer.id())
                .orElseThrow(() -> new IllegalStateException("Transfer " + transfer.id() + " vanished"));
        if (!stored.sameAs(debit, credit, transfer, pending)) {
            throw new IllegalStateException("Transfer " + transfer.id() + " was already written with other contents: "
                    + stored + " vs " + transfer + (pending ? " (pending)" : ""));
        }
    }

    private void settle(List<UUID> pendingIds, TransferState target) {
        if (pendingIds.isEmpty()) {
            return;
        }
        var wanted = new TreeSet<>(pendingIds);
        // no savepoint: settling is never refused, so any failure here marks the caller's transaction rollback-only
        var locked = transfers.lock(wanted);
        if (locked.size() != wanted.size()) {
            var missing = new TreeSet<>(wanted);
            locked.forEach(stored -> missing.remove(stored.id()));
            throw new IllegalArgumentException("No such transfers: " + missing);
        }
        var toSettle = new ArrayList<UUID>();
        var movements = new HashMap<Long, Movement>();
        var checked = new HashSet<Long>();
        for (var stored : locked) {
            if (!stored.twoPhase()) {
                throw new IllegalStateException("Transfer " + stored.id() + " was not written as pending");
            }
            if (stored.state() == target) {
                continue; // settled the same way before: a replay
            }
            if (stored.state() != TransferState.PENDING) {
                throw new IllegalStateException(
                        "Transfer " + stored.id() + " is " + stored.state() + ", it cannot become " + target);
            }
            toSettle.add(stored.id());
            if (stored.debitChecked()) {
                checked.add(stored.debitAccountId());
            }
            if (stored.creditChecked()) {
                checked.add(stored.creditAccountId());
            }
            boolean post = target == TransferState.POSTED;
            long amount = stored.amount();
            movements.merge(
                    stored.debitAccountId(),
                    post ? Movement.postDebit(amount) : Movement.voidDebit(amount),
                    Movement::plus);
            movements.merge(
                    stored.creditAccountId(),
                    post ? Movement.postCredit(amount) : Movement.voidCredit(amount),
                    Movement::plus);
        }
        if (!toSettle.isEmpty()) {
            transfers.changeState(toSettle, target, now());
            // settling never raises what an account owes, so a refusal here is a broken invariant
            accounts.apply(
                    movements,
                    checked,
                    id -> new IllegalStateException("Settling would overdraw ledger account " + id));
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
