package com.betanet.marketplace.ledger.internal;

import com.betanet.marketplace.ledger.Ledger.Entry;
import com.betanet.marketplace.ledger.Ledger.TransferState;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Ledger transfers in SQL. A transfer's id is its idempotency key: it is written once and only its state changes. */
@Component
class LedgerTransfers {

    /** What a stored transfer is, as far as idempotency and settling pending transfers are concerned. */
    record Stored(
            UUID id,
            long debitAccountId,
            long creditAccountId,
            long amount,
            String currency,
            String code,
            boolean twoPhase,
            TransferState state,
            boolean debitChecked,
            boolean creditChecked) {

        boolean sameAs(long debit, long credit, Transfer transfer, boolean pending) {
            return debitAccountId == debit
                    && creditAccountId == credit
                    && amount == transfer.amount().amount()
                    && currency.equals(transfer.amount().currency())
                    && code.equals(transfer.code())
                    && twoPhase == pending;
        }
    }

    /** A transfer with whether its accounts may not go negative (see {@link LedgerAccounts#apply}). */
    private static final String SELECT_STORED = """
            select t.id, t.debit_account_id, t.credit_account_id, t.amount, t.currency, t.code, t.two_phase, t.state,
                   d.must_not_go_negative as debit_checked, c.must_not_go_negative as credit_checked
            from ledger_transfers t
                     join ledger_accounts d on d.id = t.debit_account_id
                     join ledger_accounts c on c.id = t.credit_account_id
            """;

    private final JdbcClient jdbc;

    LedgerTransfers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the transfer unless its id exists; {@code false} when it did. A concurrent call writing the same id waits
     * here until the first commits (then finds it) or rolls back (then writes it).
     */
    boolean insert(Transfer transfer, long debitAccountId, long creditAccountId, boolean pending, Instant now) {
        return jdbc.sql("""
                        insert into ledger_transfers (id, debit_account_id, credit_account_id, amount, currency, code,
                                                      reference_type, reference_id, description, two_phase, state,
                                                      created_at, updated_at)
                        values (:id, :debit, :credit, :amount, :currency, :code, :referenceType, :referenceId,
                                :description, :twoPhase, :state, :now, :now)
                        on conflict (id) do nothing""")
                        .param("id", transfer.id())
                        .param("debit", debitAccountId)
                        .param("credit", creditAccountId)
                        .param("amount", transfer.amount().amount())
                        .param("currency", transfer.amount().currency())
                        .param("code", transfer.code())
                        .param("referenceType", transfer.referenceType())
                        .param("referenceId", transfer.referenceId())
                        .param("description", transfer.description())
                        .param("twoPhase", pending)
                        .param("state", (pending ? TransferState.PENDING : TransferState.POSTED).name())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    Optional<Stored> find(UUID id) {
        return jdbc.sql(SELECT_STORED + " where t.id = :id")
                .param("id", id)
                .query((rs, n) -> stored(rs))
                .optional();
    }

    /** Locks the transfers in id order (so two settling calls cannot deadlock) and reads their current state. */
    List<Stored> lock(Collection<UUID> ids) {
        return jdbc.sql(SELECT_STORED + " where t.id in (:ids) order by t.id for update of t")
                .param("ids", ids)
                .query((rs, n) -> stored(rs))
                .list();
    }

    void changeState(Collection<UUID> ids, TransferState state, Instant now) {
        jdbc.sql("update ledger_transfers set state = :state, updated_at = :now where id in (:ids)")
                .param("state", state.name())
                .param("now", Timestamp.from(now))
                .param("ids", ids)
                .update();
    }

    Optional<TransferState> state(UUID id) {
        return jdbc.sql("select state from ledger_transfers where id = :id")
                .param("id", id)
                .query((rs, n) -> TransferState.valueOf(rs.getString(1)))
                .optional();
    }

    /**
     * An account's lines, newest first (created_at, then id), after the line {@code before} when given. Each side is
     * read through its own index and limited before the two are merged.
     */
    List<Entry> entries(long accountId, int limit, @Nullable UUID before) {
        var after = before == null
                ? ""
                : " and (created_at, id) < (select b.created_at, b.id from ledger_transfers b where b.id = :before)";
        var side = "(select id, amount, currency, state, code, reference_type, reference_id, description, created_at,"
                + " %s as incoming from ledger_transfers where %s = :account" + after
                + " order by created_at desc, id desc limit :limit)";
        var query = jdbc.sql("select * from (" + side.formatted("false", "debit_account_id") + " union all "
                        + side.formatted("true", "credit_account_id") + ") lines"
                        + " order by created_at desc, id desc limit :limit")
                .param("account", accountId)
                .param("limit", limit);
        if (before != null) {
            query = query.param("before", before);
        }
        return query.query((rs, n) -> entry(rs)).list();
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        long amount = rs.getLong("amount");
        return new Entry(
                rs.getObject("id", UUID.class),
                Money.of(rs.getBoolean("incoming") ? amount : -amount, rs.getString("currency")),
                TransferState.valueOf(rs.getString("state")),
                rs.getString("code"),
                rs.getString("reference_type"),
                rs.getObject("reference_id", UUID.class),
                rs.getString("description"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getObject("id", UUID.class),
                rs.getLong("debit_account_id"),
                rs.getLong("credit_account_id"),
                rs.getLong("amount"),
                rs.getString("currency"),
                rs.getString("code"),
                rs.getBoolean("two_phase"),
                TransferState.valueOf(rs.getString("state")),
                rs.getBoolean("debit_checked"),
                rs.getBoolean("credit_checked"));
    }
}
