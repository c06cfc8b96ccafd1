package com.betanet.marketplace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.ledger.Ledger.Balance;
import com.betanet.marketplace.ledger.Ledger.TransferState;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger's rules, each against real PostgreSQL, called inside the caller's transaction as modules do. */
@IntegrationTest
class LedgerTests {

    static final String KES = "KES";

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    final AccountKey clearing = AccountKey.clearing("TEST-" + UUID.randomUUID());
    final AccountKey escrow = AccountKey.checkoutEscrow(UUID.randomUUID());
    final AccountKey wallet = AccountKey.wallet(UUID.randomUUID());

    @Test
    void postsMoneyFromTheDebitToTheCreditAccount() {
        var payment = transfer(clearing, escrow, 1_000);

        assertThat(inTransaction(() -> ledger.post(payment))).isTrue();

        assertThat(ledger.balance(clearing, KES)).isEqualTo(new Balance(KES, 1_000, 0, 0, 0));
        assertThat(ledger.balance(escrow, KES)).isEqualTo(new Balance(KES, 0, 1_000, 0, 0));
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(1_000, KES));
        assertThat(ledger.state(payment.id())).contains(TransferState.POSTED);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void anAccountThatWasNeverUsedHasAZeroBalance() {
        assertThat(ledger.balance(wallet, KES)).isEqualTo(new Balance(KES, 0, 0, 0, 0));
        assertThat(ledger.entries(wallet, KES, 10, null)).isEmpty();
    }

    @Test
    void replayingATransferChangesNothing() {
        var payment = transfer(clearing, escrow, 1_000);
        inTransaction(() -> ledger.post(payment));

        assertThat(inTransaction(() -> ledger.post(payment))).isFalse();

        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(1_000, KES));
    }

    @Test
    void concurrentDeliveriesOfOneTransferMoveTheMoneyOnce() throws Exception {
        var payment = transfer(clearing, escrow, 1_000);
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
        for (int i = 0; i < 6; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return inTransaction(() -> ledger.post(payment));
            }));
        }
        start.countDown();
        int written = 0;
        for (var result : results) {
            written += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(written).isEqualTo(1);
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(1_000, KES));
    }

    /**
     * A provider's clearing account is touched by every payment: two transactions moving money through it must not
     * queue on one row.
     */
    @Test
    void paymentsThroughOneClearingAccountDoNotWaitForEachOther() throws Exception {
        // the provider's account exists (its first payment created it): creating it would wait on its unique key
        inTransaction(() -> ledger.post(transfer(clearing, AccountKey.checkoutEscrow(UUID.randomUUID()), 500)));
        var first = transfer(clearing, escrow, 1_000);
        var second = transfer(clearing, AccountKey.checkoutEscrow(UUID.randomUUID()), 2_000);

        secondWritesWhileFirstIsOpen(() -> ledger.post(first), () -> ledger.post(second));

        assertThat(ledger.balance(clearing, KES)).isEqualTo(new Balance(KES, 3_500, 0, 0, 0));
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(1_000, KES));
        assertThat(ledger.isBalanced()).isTrue();
    }

    /**
     * Every paid order holds its commission for the one commission account, and a busy seller's sales all credit one
     * wallet: accounts that may not go negative, but credits cannot overdraw them, so concurrent orders must not queue
     * on their rows either — neither when the holds are written nor when they are posted.
     */
    @Test
    void creditsToAnAccountThatMayNotGoNegativeDoNotWaitForEachOther() throws Exception {
        var commission = AccountKey.commission();
        var otherEscrow = AccountKey.checkoutEscrow(UUID.randomUUID());
        inTransaction(
                () -> ledger.post(List.of(transfer(clearing, escrow, 1_000), transfer(clearing, otherEscrow, 2_000))));
        // both accounts exist (their first sales created them): creating one would wait on its unique key
        inTransaction(() -> ledger.post(List.of(transfer(clearing, wallet, 1), transfer(clearing, commission, 1))));
        var firstCommission = transfer(escrow, commission, 100);
        var secondCommission = transfer(otherEscrow, commission, 200);
        var firstShare = transfer(escrow, wallet, 900);
        var secondShare = transfer(otherEscrow, wallet, 1_800);
        var commissionBefore = ledger.balance(commission, KES);

        secondWritesWhileFirstIsOpen(
                () -> ledger.hold(List.of(firstCommission, firstShare)),
                () -> ledger.hold(List.of(secondCommission, secondShare)));
        secondWritesWhileFirstIsOpen(
                () -> {
                    ledger.postPending(List.of(firstCommission.id(), firstShare.id()));
                    return true;
                },
                () -> {
                    ledger.postPending(List.of(secondCommission.id(), secondShare.id()));
                    return true;
                });

        assertThat(ledger.balance(wallet, KES)).isEqualTo(new Balance(KES, 0, 2_701, 0, 0));
        assertThat(ledger.balance(commission, KES).creditsPosted()).isEqualTo(commissionBefore.creditsPosted() + 300);
        assertThat(ledger.balance(escrow, KES)).isEqualTo(new Balance(KES, 1_000, 1_000, 0, 0));
        assertThat(ledger.isBalanced()).isTrue();
    }

    /**
     * Runs {@code first} in a transaction that stays open while {@code second} runs in another with a lock timeout:
     * the second must not wait for the first. The second's transaction id must fall in another shard (1 in 16 would
     * share the first's and wait, by design, so such a one is rolled back and tried again).
     */
    private void secondWritesWhileFirstIsOpen(Supplier<Boolean> first, Supplier<Boolean> second) throws Exception {
        var firstShard = new java.util.concurrent.CompletableFuture<Long>();
        var release = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var firstDone = pool.submit(() -> inTransaction(() -> {
                first.get();
                firstShard.complete(shard());
                try {
                    return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            var held = firstShard.get(30, java.util.concurrent.TimeUnit.SECONDS);
            boolean written = false;
            for (int attempt = 0; attempt < 20 && !written; attempt++) {
                written = Boolean.TRUE.equals(transactions.execute(tx -> {
                    if (shard() == held) {
                        tx.setRollbackOnly();
                        return false;
                    }
                    jdbc.sql("set local lock_timeout = '2s'").update();
                    return second.get();
                }));
            }
            assertThat(written)
                    .as("written while the first transaction is still open")
                    .isTrue();
            release.countDown();
            assertThat(firstDone.get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    /**
     * An account that may not go negative may hold most of its credits in shards: a debit counts them, up to the last
     * cent, and is refused beyond it; and the database itself refuses a row update that would overdraw the account.
     */
    @Test
    void debitsCountTheCreditsOfEveryShard() {
        for (int i = 0; i < 3; i++) {
            inTransaction(() -> ledger.post(transfer(clearing, wallet, 1_000)));
        }
        inTransaction(() -> ledger.hold(List.of(transfer(wallet, escrow, 1_000))));

        assertThatThrownBy(() -> inTransaction(() -> ledger.post(transfer(wallet, escrow, 2_001))))
                .isInstanceOf(InsufficientFundsException.class);
        assertThat(inTransaction(() -> ledger.post(transfer(wallet, escrow, 2_000))))
                .isTrue();

        assertThat(ledger.balance(wallet, KES)).isEqualTo(new Balance(KES, 2_000, 3_000, 1_000, 0));
        assertThat(ledger.balance(wallet, KES).available()).isEqualTo(Money.of(0, KES));
        assertThatThrownBy(() -> jdbc.sql("""
                                update ledger_accounts set debits_posted = debits_posted + 1
                                where type = 'WALLET' and owner = :owner""").param("owner", wallet.owner()).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class)
                .hasMessageContaining("would go negative");
        assertThat(ledger.isBalanced()).isTrue();
    }

    /** The shard the current transaction writes accounts without a balance check to. */
    private long shard() {
        return jdbc.sql("select mod(txid_current(), 16)").query(Long.class).single();
    }

    @Test
    void theSameIdWithOtherContentsIsRefused() {
        var payment = transfer(clearing, escrow, 1_000);
        inTransaction(() -> ledger.post(payment));
        var sameIdOtherAmount = new Transfer(
                payment.id(), clearing, escrow, Money.of(2_000, KES), "PAYMENT", "CHECKOUT", UUID.randomUUID(), null);
        var sameIdAsHold = payment;

        assertThatThrownBy(() -> inTransaction(() -> ledger.post(sameIdOtherAmount)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(payment.id().toString());
        assertThatThrownBy(() -> inTransaction(() -> ledger.hold(sameIdAsHold)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(1_000, KES));
    }

    @Test
    void insufficientFundsWritesNothingOfTheCallAndLeavesTheCallersTransactionUsable() {
        var otherEscrow = AccountKey.checkoutEscrow(UUID.randomUUID());
        // two escrows with ascending account ids: the linked call below applies the first before the second fails
        inTransaction(() -> ledger.post(transfer(clearing, escrow, 100)));
        inTransaction(() -> ledger.post(transfer(clearing, otherEscrow, 100)));
        var affordable = transfer(escrow, wallet, 50);
        var overdraft = transfer(otherEscrow, wallet, 150);
        var afterwards = transfer(otherEscrow, wallet, 80);

        inTransaction(() -> {
            assertThatThrownBy(() -> ledger.post(List.of(affordable, overdraft)))
                    .isInstanceOf(InsufficientFundsException.class)
                    .hasFieldOrPropertyWithValue("code", "insufficient_funds");
            assertThatThrownBy(() -> ledger.post(transfer(escrow, wallet, 10_000)))
                    .isInstanceOf(InsufficientFundsException.class);
            // the caller's transaction goes on and commits
            return ledger.post(afterwards);
        });

        assertThat(ledger.state(affordable.id())).isEmpty();
        assertThat(ledger.state(overdraft.id())).isEmpty();
        assertThat(ledger.state(afterwards.id())).contains(TransferState.POSTED);
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(100, KES));
        assertThat(ledger.balance(otherEscrow, KES).available()).isEqualTo(Money.of(20, KES));
        assertThat(ledger.balance(wallet, KES)).isEqualTo(new Balance(KES, 0, 80, 0, 0));
    }

    @Test
    void linkedTransfersAreCheckedOnTheirNetEffectPerAccount() {
        var commissionOwner = AccountKey.wallet(UUID.randomUUID()); // stands in for commission, kept test-local
        inTransaction(() -> ledger.post(transfer(clearing, escrow, 1_000)));
        var sellerShare = transfer(escrow, wallet, 900);
        var commission = transfer(escrow, commissionOwner, 200);

        assertThatThrownBy(() -> inTransaction(() -> ledger.post(List.of(sellerShare, commission))))
                .isInstanceOf(InsufficientFundsException.class);
        assertThat(ledger.state(sellerShare.id())).isEmpty();

        var fittingCommission = transfer(escrow, commissionOwner, 100);
        assertThat(inTransaction(() -> ledger.post(List.of(sellerShare, fittingCommission))))
                .isTrue();
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(0, KES));
        assertThat(ledger.balance(wallet, KES).available()).isEqualTo(Money.of(900, KES));
    }

    @Test
    void aHoldReservesFundsUntilItIsPosted() {
        inTransaction(() -> ledger.post(transfer(clearing, escrow, 1_000)));
        var share = transfer(escrow, wallet, 300);

        inTransaction(() -> ledger.hold(share));

        assertThat(ledger.state(share.id())).contains(TransferState.PENDING);
        assertThat(ledger.balance(escrow, KES)).isEqualTo(new Balance(KES, 0, 1_000, 300, 0));
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(700, KES));
        assertThat(ledger.balance(wallet, KES).incoming()).isEqualTo(Money.of(300, KES));
        assertThat(ledger.balance(wallet, KES).available()).isEqualTo(Money.of(0, KES));
        assertThatThrownBy(() -> inTransaction(() -> ledger.hold(transfer(escrow, wallet, 701))))
                .isInstanceOf(InsufficientFundsException.class);

        inTransaction(() -> {
            ledger.postPending(List.of(share.id()));
            return null;
        });

        assertThat(ledger.state(share.id())).contains(TransferState.POSTED);
        assertThat(ledger.balance(escrow, KES)).isEqualTo(new Balance(KES, 300, 1_000, 0, 0));
        assertThat(ledger.balance(wallet, KES)).isEqualTo(new Balance(KES, 0, 300, 0, 0));

        // replays: posting again and holding again change nothing; voiding a posted transfer is a bug
        inTransaction(() -> {
            ledger.postPending(List.of(share.id()));
            return ledger.hold(share);
        });
        assertThat(ledger.balance(wallet, KES)).isEqualTo(new Balance(KES, 0, 300, 0, 0));
        assertThatThrownBy(() -> inTransaction(() -> {
                    ledger.voidPending(List.of(share.id()));
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void aVoidedHoldGivesTheFundsBackAndCannotBePosted() {
        inTransaction(() -> ledger.post(transfer(clearing, escrow, 1_000)));
        var refund = transfer(escrow, clearing, 400);
        inTransaction(() -> ledger.hold(refund));

        inTransaction(() -> {
            ledger.voidPending(List.of(refund.id()));
            ledger.voidPending(List.of(refund.id()));
            return null;
        });

        assertThat(ledger.state(refund.id())).contains(TransferState.VOIDED);
        assertThat(ledger.balance(escrow, KES)).isEqualTo(new Balance(KES, 0, 1_000, 0, 0));
        assertThat(ledger.balance(clearing, KES)).isEqualTo(new Balance(KES, 1_000, 0, 0, 0));
        assertThatThrownBy(() -> inTransaction(() -> {
                    ledger.postPending(List.of(refund.id()));
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(inTransaction(() -> ledger.hold(refund))).isFalse();
        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(1_000, KES));
    }

    @Test
    void onlyPendingTransfersCanBeSettled() {
        var payment = transfer(clearing, escrow, 1_000);
        inTransaction(() -> ledger.post(payment));

        assertThatThrownBy(() -> inTransaction(() -> {
                    ledger.postPending(List.of(payment.id()));
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inTransaction(() -> {
                    ledger.voidPending(List.of(UUID.randomUUID()));
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountsAreKeptPerCurrency() {
        inTransaction(() -> ledger.post(transfer(clearing, escrow, 1_000)));
        var dollars = new Transfer(
                UUID.randomUUID(),
                clearing,
                escrow,
                Money.of(5, "USD"),
                "PAYMENT",
                "CHECKOUT",
                UUID.randomUUID(),
                null);

        inTransaction(() -> ledger.post(dollars));

        assertThat(ledger.balance(escrow, KES).available()).isEqualTo(Money.of(1_000, KES));
        assertThat(ledger.balance(escrow, "USD").available()).isEqualTo(Money.of(5, "USD"));
        assertThatThrownBy(() -> inTransaction(() -> ledger.post(new Transfer(
                        UUID.randomUUID(),
                        escrow,
                        wallet,
                        Money.of(6, "USD"),
                        "ORDER_SETTLEMENT",
                        "ORDER",
                        UUID.randomUUID(),
                        null))))
                .isInstanceOf(InsufficientFundsException.class);
    }

    @Test
    void writesRequireTheCallersTransaction() {
        var payment = transfer(clearing, escrow, 1);
        assertThatThrownBy(() -> ledger.post(payment)).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> ledger.post(List.of(payment))).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> ledger.hold(payment)).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> ledger.postPending(List.of(payment.id())))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(ledger.state(payment.id())).isEmpty();
    }

    @Test
    void entriesAreSignedForTheAccountAndNewestFirst() {
        var payment = transfer(clearing, escrow, 1_000);
        var share = transfer(escrow, wallet, 600);
        var refund = transfer(escrow, clearing, 100);
        inTransaction(() -> ledger.post(payment));
        inTransaction(() -> ledger.post(share));
        inTransaction(() -> ledger.hold(refund));

        var lines = ledger.entries(escrow, KES, 10, null);

        assertThat(lines)
                .extracting(line -> line.transferId(), line -> line.amount(), line -> line.state())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(refund.id(), Money.of(-100, KES), TransferState.PENDING),
                        org.assertj.core.groups.Tuple.tuple(share.id(), Money.of(-600, KES), TransferState.POSTED),
                        org.assertj.core.groups.Tuple.tuple(payment.id(), Money.of(1_000, KES), TransferState.POSTED));
        assertThat(ledger.entries(escrow, KES, 2, share.id()))
                .extracting(Ledger.Entry::transferId)
                .containsExactly(payment.id());
        assertThat(ledger.entries(wallet, KES, 10, null)).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(Money.of(600, KES));
            assertThat(line.code()).isEqualTo("ORDER_SETTLEMENT");
            assertThat(line.referenceType()).isEqualTo("ORDER");
            assertThat(line.referenceId()).isEqualTo(share.referenceId());
        });
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    static Transfer transfer(AccountKey debit, AccountKey credit, long amount) {
        var code = debit.type() == AccountType.CLEARING ? "PAYMENT" : "ORDER_SETTLEMENT";
        var referenceType = debit.type() == AccountType.CLEARING ? "CHECKOUT" : "ORDER";
        return new Transfer(
                UUID.randomUUID(),
                debit,
                credit,
                Money.of(amount, KES),
                code,
                referenceType,
                UUID.randomUUID(),
                "test " + code.toLowerCase());
    }
}
