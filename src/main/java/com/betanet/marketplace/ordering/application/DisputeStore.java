package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.ordering.domain.DisputeOutcome;
import com.betanet.marketplace.ordering.domain.DisputeStatus;
import com.betanet.marketplace.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Disputes of orders in SQL, read together with the order they are about. */
@Component
class DisputeStore {

    /** A dispute with the order facts the admin list shows. */
    record Row(
            UUID id,
            UUID orderId,
            UUID checkoutId,
            UUID buyerId,
            UUID sellerId,
            Money subtotal,
            String reason,
            DisputeStatus status,
            @Nullable DisputeOutcome outcome,
            @Nullable String note,
            Instant openedAt,
            @Nullable Instant resolvedAt,
            @Nullable UUID resolvedBy) {}

    private static final String COLUMNS = """
            d.id, d.order_id, o.checkout_id, o.buyer_id, o.seller_id, o.subtotal_amount, o.currency, d.reason,
            d.status, d.outcome, d.note, d.opened_at, d.resolved_at, d.resolved_by
              from order_disputes d join orders o on o.id = d.order_id""";

    private final JdbcClient jdbc;

    DisputeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void open(UUID id, UUID orderId, UUID openedBy, String reason, Instant at) {
        jdbc.sql("""
                        insert into order_disputes (id, order_id, opened_by, reason, opened_at, status)
                        values (?, ?, ?, ?, ?, 'OPEN')""").params(id, orderId, openedBy, reason, Timestamp.from(at)).update();
    }

    Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " where d.id = ?")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** The dispute, locked; taken after its checkout and order (the lock order of every ordering path). */
    Optional<Row> findForUpdate(UUID id) {
        return jdbc.sql("select " + COLUMNS + " where d.id = ? for update of d")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** The order's open dispute, locked (after its checkout and order). */
    Optional<Row> findOpenForUpdate(UUID orderId) {
        return jdbc.sql("select " + COLUMNS + " where d.order_id = ? and d.status = 'OPEN' for update of d")
                .param(orderId)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** Resolves an open dispute; {@code admin} is null when the system decided (a lost chargeback). */
    void resolve(UUID id, DisputeOutcome outcome, @Nullable UUID admin, String note, Instant at) {
        jdbc.sql("""
                        update order_disputes set status = 'RESOLVED', outcome = ?, resolved_by = ?, note = ?,
                                                  resolved_at = ?
                         where id = ? and status = 'OPEN'""")
                .params(outcome.name(), admin, note, Timestamp.from(at), id)
                .update();
    }

    /** Newest first, {@code fetch} rows after the keyset position {@code (afterTime, afterId)} if given. */
    List<Row> list(@Nullable DisputeStatus status, @Nullable Instant afterTime, @Nullable UUID afterId, int fetch) {
        var sql = new StringBuilder("select " + COLUMNS + " where true");
        if (status != null) {
            sql.append(" and d.status = :status");
        }
        if (afterTime != null && afterId != null) {
            sql.append(" and (d.opened_at, d.id) < (:afterTime, :afterId)");
        }
        sql.append(" order by d.opened_at desc, d.id desc limit :fetch");
        var query = jdbc.sql(sql.toString()).param("fetch", fetch);
        if (status != null) {
            query = query.param("status", status.name());
        }
        if (afterTime != null && afterId != null) {
            query = query.param("afterTime", Timestamp.from(afterTime)).param("afterId", afterId);
        }
        return query.query((rs, n) -> row(rs)).list();
    }

    private static Row row(ResultSet rs) throws SQLException {
        var outcome = rs.getString("outcome");
        var resolvedAt = rs.getTimestamp("resolved_at");
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("checkout_id", UUID.class),
                rs.getObject("buyer_id", UUID.class),
                rs.getObject("seller_id", UUID.class),
                Money.of(rs.getLong("subtotal_amount"), rs.getString("currency")),
                rs.getString("reason"),
                DisputeStatus.valueOf(rs.getString("status")),
                outcome == null ? null : DisputeOutcome.valueOf(outcome),
                rs.getString("note"),
                rs.getTimestamp("opened_at").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getObject("resolved_by", UUID.class));
    }
}
