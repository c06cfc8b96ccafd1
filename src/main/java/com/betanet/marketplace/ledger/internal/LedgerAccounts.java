package com.betanet.marketplace.ledger.internal;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.AccountType;
import com.betanet.marketplace.ledger.Ledger.AccountBalance;
import com.betanet.marketplace.ledger.Ledger.Balance;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ledger accounts in SQL: created on first use; debits of an account with a balance check change its row by a
 * conditional update, every other movement is added to one of its shards; read through the view
 * {@code ledger_account_balances} (row plus shards).
 */
@Component
class LedgerAccounts {

    /** Shards per account; concurrent transactions collide on one with odds 1 in this. */
    static final int SHARDS = 16;

    /** Accounts this node knows exist (committed): an account is never deleted and its id never changes. */
    static final int KNOWN_IDS = 100_000;

    private final JdbcClient jdbc;
    private final Cache<AccountRef, Long> knownIds =
            Caffeine.newBuilder().maximumSize(KNOWN_IDS).build();

    LedgerAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The ids of the accounts, creating the missing ones. Creation goes in {@link AccountRef#CREATION_ORDER}: a second
     * call creating the same account waits for the first on the unique key, and a fixed order means no two calls can
     * each wait for the other. Ids this node remembers ({@link #rememberOnceCommitted}) are not looked up again.
     */
    Map<AccountRef, Long> ensure(Collection<AccountRef> refs, Instant now) {
        var ids = new HashMap<AccountRef, Long>();
        refs.stream().distinct().sorted(AccountRef.CREATION_ORDER).forEach(ref -> {
            var known = knownIds.getIfPresent(ref);
            if (known != null) {
                ids.put(ref, known);
                return;
            }
            var id = find(ref).orElseGet(() -> {
                jdbc.sql("""
                                insert into ledger_accounts (type, owner, currency, must_not_go_negative, created_at)
                                values (:type, :owner, :currency, :strict, :now)
                                on conflict (type, owner, currency) do nothing""")
                        .param("type", ref.key().type().name())
                        .param("owner", ref.key().owner())
                        .param("currency", ref.currency())
                        .param("strict", ref.key().type().mustNotGoNegative())
                        .param("now", Timestamp.from(now))
                        .update();
                // whether this call inserted it or a concurrent one did (and committed), it is visible now
                return find(ref).orElseThrow(() -> new IllegalStateException("Account not created: " + ref));
            });
            ids.put(ref, id);
        });
        return ids;
    }

    /**
     * Remembers account ids once the caller's transaction has committed, so that busy accounts — the providers'
     * clearing accounts, the commission account, active wallets — are not looked up for every transfer. Call it when
     * the work that used them has succeeded: an account created in a transaction that rolls back, or in a savepoint
     * that is rolled back, does not exist.
     */
    void rememberOnceCommitted(Map<AccountRef, Long> learned) {
        if (learned.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            knownIds.putAll(learned); // statements committed one by one
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                knownIds.putAll(learned);
            }
        });
    }

    /** Whether this node remembers the account's id (for tests). */
    boolean knows(AccountRef ref) {
        return knownIds.getIfPresent(ref) != null;
    }

    Optional<Long> find(AccountRef ref) {
        return jdbc.sql("select id from ledger_accounts where type = :type and owner = :owner and currency = :currency")
                .param("type", ref.key().type().name())
                .param("owner", ref.key().owner())
                .param("currency", ref.currency())
                .query(Long.class)
                .optional();
    }

    /**
     * Applies the movements in ascending account id order, so concurrent calls lock account rows in the same order and
     * cannot deadlock. Movements that cannot overdraw — every movement of an account without a balance check (CLEARING,
     * PLATFORM), and a movement of credits only on any account — go to the account's shard of this transaction instead
     * of its row, so concurrent transactions paying into, say, a provider's clearing account, the commission account or
     * a busy seller's wallet do not wait for each other. A movement with debits of an account in {@code checked} (that
     * may not go negative) updates its row, and only when the account (row and shards) can afford it; otherwise nothing
     * more is applied and the exception made by {@code refused} (for the account's id) is thrown; the caller's
     * savepoint undoes what was applied before.
     *
     * <p>The shards' sums are read with the statement's snapshot, even when the update waited for the row: a credit
     * committed meanwhile may be missed (the debit is refused as if it had come first), never a debit, which always
     * locks the row.
     */
    void apply(Map<Long, Movement> movements, Set<Long> checked, Function<Long, RuntimeException> refused) {
        for (var entry : new TreeMap<>(movements).entrySet()) {
            var movement = entry.getValue();
            if (movement.equals(Movement.NONE)) {
                continue;
            }
            if (!checked.contains(entry.getKey()) || movement.creditsOnly()) {
                addToShard(entry.getKey(), movement);
                continue;
            }
            int updated = jdbc.sql("""
                            update ledger_accounts a
                            set debits_posted   = debits_posted + :dp,
                                credits_posted  = credits_posted + :cp,
                                debits_pending  = debits_pending + :dq,
                                credits_pending = credits_pending + :cq
                            where a.id = :id
                              and a.credits_posted + :cp - a.debits_posted - :dp - a.debits_pending - :dq
                                  + (select coalesce(sum(s.credits_posted - s.debits_posted - s.debits_pending), 0)
                                     from ledger_account_shards s
                                     where s.account_id = a.id) >= 0""")
                    .param("id", entry.getKey())
                    .param("dp", movement.debitsPosted())
                    .param("cp", movement.creditsPosted())
                    .param("dq", movement.debitsPending())
                    .param("cq", movement.creditsPending())
                    .update();
            if (updated == 0) {
                throw refused.apply(entry.getKey());
            }
        }
    }

    /** One transaction always takes the same shard of an account (by its transaction id), whatever it moves. */
    private void addToShard(long accountId, Movement movement) {
        jdbc.sql("""
                        insert into ledger_account_shards as s
                            (account_id, shard, debits_posted, credits_posted, debits_pending, credits_pending)
                        values (:id, mod(txid_current(), :shards), :dp, :cp, :dq, :cq)
                        on conflict (account_id, shard) do update
                            set debits_posted   = s.debits_posted + excluded.debits_posted,
                                credits_posted  = s.credits_posted + excluded.credits_posted,
                                debits_pending  = s.debits_pending + excluded.debits_pending,
                                credits_pending = s.credits_pending + excluded.credits_pending""")
                .param("id", accountId)
                .param("shards", SHARDS)
                .param("dp", movement.debitsPosted())
                .param("cp", movement.creditsPosted())
                .param("dq", movement.debitsPending())
                .param("cq", movement.creditsPending())
                .update();
    }

    Optional<Balance> balance(AccountRef ref) {
        return jdbc.sql("""
                        select currency, debits_posted, credits_posted, debits_pending, credits_pending
                        from ledger_account_balances where type = :type and owner = :owner and currency = :currency""")
                .param("type", ref.key().type().name())
                .param("owner", ref.key().owner())
                .param("currency", ref.currency())
                .query((rs, n) -> balance(rs))
                .optional();
    }

    List<AccountBalance> all() {
        return jdbc.sql("""
                        select type, owner, currency, debits_posted, credits_posted, debits_pending, credits_pending
                        from ledger_account_balances order by currency, type, owner""")
                .query((rs, n) -> new AccountBalance(
                        new AccountKey(AccountType.valueOf(rs.getString("type")), rs.getString("owner")), balance(rs)))
                .list();
    }

    /** For every currency, posted debits equal posted credits and pending debits pending credits. */
    boolean balanced() {
        return jdbc.sql("""
                        select not exists (
                            select 1
                            from (select currency, debits_posted, credits_posted, debits_pending, credits_pending
                                  from ledger_accounts
                                  union all
                                  select a.currency, s.debits_posted, s.credits_posted, s.debits_pending,
                                         s.credits_pending
                                  from ledger_account_shards s join ledger_accounts a on a.id = s.account_id) sums
                            group by currency
                            having sum(debits_posted) <> sum(credits_posted)
                                or sum(debits_pending) <> sum(credits_pending))""").query(Boolean.class).single();
    }

    private static Balance balance(ResultSet rs) throws SQLException {
        return new Balance(
                rs.getString("currency"),
                rs.getLong("debits_posted"),
                rs.getLong("credits_posted"),
                rs.getLong("debits_pending"),
                rs.getLong("credits_pending"));
    }
}
