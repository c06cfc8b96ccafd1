package com.betanet.marketplace.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.InsufficientFundsException;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The ids of accounts are remembered once they surely exist: after the transaction that saw them has committed. */
@IntegrationTest
class LedgerAccountsTests {

    @Autowired
    LedgerAccounts accounts;

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    private static AccountRef newWallet() {
        return new AccountRef(AccountKey.wallet(UUID.randomUUID()), "KES");
    }

    @Test
    void anAccountIsRememberedOnceTheTransactionThatCreatedItHasCommitted() {
        var ref = newWallet();

        var id = transactions.execute(status -> {
            var created = accounts.ensure(List.of(ref), Instant.now());
            accounts.rememberOnceCommitted(created);
            assertThat(accounts.knows(ref)).as("before commit").isFalse();
            return created.get(ref);
        });

        assertThat(accounts.knows(ref)).isTrue();
        Map<AccountRef, Long> again = transactions.execute(status -> accounts.ensure(List.of(ref), Instant.now()));
        assertThat(again).containsEntry(ref, id);
    }

    @Test
    void anAccountCreatedByARefusedTransferIsNotRemembered() {
        var ref = newWallet();
        var empty = AccountKey.wallet(UUID.randomUUID());
        transactions.executeWithoutResult(status -> {
            assertThatThrownBy(() -> ledger.post(transfer(empty, ref.key(), 500)))
                    .isInstanceOf(InsufficientFundsException.class);
            // the caller's transaction goes on and commits; the refused call's savepoint took its new accounts
        });
        assertThat(accounts.knows(ref)).isFalse();
        assertThat(accounts.find(ref)).isEmpty();

        var clearing = AccountKey.clearing("TEST-" + UUID.randomUUID());
        transactions.executeWithoutResult(status -> ledger.post(transfer(clearing, ref.key(), 700)));
        assertThat(ledger.balance(ref.key(), "KES").available()).isEqualTo(Money.of(700, "KES"));
    }

    @Test
    void anAccountCreatedByATransactionThatRolledBackIsNotRememberedAndIsCreatedAgain() {
        var ref = newWallet();
        var clearing = AccountKey.clearing("TEST-" + UUID.randomUUID());
        transactions.executeWithoutResult(status -> {
            ledger.post(transfer(clearing, ref.key(), 500));
            status.setRollbackOnly();
        });
        assertThat(accounts.knows(ref)).isFalse();
        assertThat(accounts.find(ref)).isEmpty();

        // with the rolled-back id remembered, this transfer would name an account that does not exist
        transactions.executeWithoutResult(status -> ledger.post(transfer(clearing, ref.key(), 700)));

        assertThat(ledger.balance(ref.key(), "KES").available()).isEqualTo(Money.of(700, "KES"));
        assertThat(accounts.knows(ref)).isTrue();
    }

    private static Transfer transfer(AccountKey from, AccountKey to, long cents) {
        var id = UUID.randomUUID();
        return new Transfer(id, from, to, Money.of(cents, "KES"), "TEST", "TEST", id, "test transfer");
    }
}
