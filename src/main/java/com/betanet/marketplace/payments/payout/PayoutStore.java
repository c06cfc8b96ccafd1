package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.provider.Provider;
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

/** Payouts and their callbacks (in the payments' inbox) in SQL. */
@Component
class PayoutStore {

    private static final String COLUMNS = """
            id, user_id, amount, currency, method, provider, phone_number, status, originator_conversation_id,
            conversation_id, receipt, failure_reason, sent_at, created_at, updated_at
            """;

    private final JdbcClient jdbc;

    PayoutStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Payout payout, Instant nextCheckAt) {
        jdbc.sql("""
                        insert into payouts (id, user_id, amount, currency, method, provider, phone_number, status,
                                             originator_conversation_id, next_check_at, created_at, updated_at)
                        values (:id, :user, :amount, :currency, :method, :provider, :phone, :status, :originator,
                                :nextCheck, :at, :at)""")
                .param("id", payout.id())
                .param("user", payout.userId())
                .param("amount", payout.amount().amount())
                .param("currency", payout.amount().currency())
                .param("method", payout.method().name())
                .param("provider", payout.provider().name())
                .param("phone", payout.phoneNumber())
                .param("status", payout.status().name())
                .param("originator", payout.originatorConversationId())
                .param("nextCheck", Timestamp.from(nextCheckAt))
                .param("at", Timestamp.from(payout.createdAt()))
                .update();
    }

    Optional<Payout> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payouts where id = ?")
                .param(id)
                .query((rs, n) -> payout(rs))
                .optional();
    }

    Optional<Payout> lockByOriginatorConversationId(String originatorConversationId) {
        return jdbc.sql("select " + COLUMNS + " from payouts where originator_conversation_id = ? for update")
                .param(originatorConversationId)
                .query((rs, n) -> payout(rs))
                .optional();
    }

    Optional<Payout> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payouts where id = ? for update")
                .param(id)
                .query((rs, n) -> payout(rs))
                .optional();
    }

    /**
     * Takes the right to send the payout's B2C request: true for exactly one caller, and only while it was never
     * handed to the provider. Committed before the provider is called, so a crash during the call leaves the payout
     * marked as sent (to be settled by a status query), never sent twice.
     */
    boolean claimSend(UUID id, Instant now, Instant nextCheckAt) {
        return jdbc.sql("""
                                update payouts set sent_at = ?, next_check_at = ?, updated_at = ?
                                 where id = ? and status = 'PENDING' and sent_at is null""")
                        .params(Timestamp.from(now), Timestamp.from(nextCheckAt), Timestamp.from(now), id)
                        .update()
                == 1;
    }

    /** The request surely did not reach the provider: it may be sent again from {@code retryAt} on. */
    void unsent(UUID id, Instant retryAt, Instant now) {
        jdbc.sql("""
                        update payouts set sent_at = null, next_check_at = ?, updated_at = ?
                         where id = ? and status = 'PENDING'""").params(Timestamp.from(retryAt), Timestamp.from(now), id).update();
    }

    void accepted(UUID id, String conversationId, Instant now) {
        jdbc.sql("""
                        update payouts set conversation_id = coalesce(conversation_id, ?), updated_at = ?
                         where id = ?""").params(conversationId, Timestamp.from(now), id).update();
    }

    void succeeded(UUID id, @Nullable String receipt, @Nullable String conversationId, Instant now) {
        jdbc.sql("""
                        update payouts set status = 'SUCCEEDED', receipt = ?,
                                           conversation_id = coalesce(conversation_id, ?), updated_at = ?
                         where id = ?""").params(receipt, conversationId, Timestamp.from(now), id).update();
    }

    /** Flags a payout for an admin (the latest reason is kept; the log has every one). */
    void flag(UUID id, String reason, Instant now) {
        jdbc.sql("update payouts set flag_reason = left(?, 500), updated_at = ? where id = ?")
                .params(reason, Timestamp.from(now), id)
                .update();
    }

    void failed(UUID id, String reason, Instant now) {
        jdbc.sql("update payouts set status = 'FAILED', failure_reason = ?, updated_at = ? where id = ?")
                .params(reason, Timestamp.from(now), id)
                .update();
    }

    /** Makes a PENDING payout due for the status job at {@code at}. */
    void checkAt(UUID id, Instant at) {
        jdbc.sql("update payouts set next_check_at = ? where id = ? and status = 'PENDING'")
                .params(Timestamp.from(at), id)
                .update();
    }

    /**
     * Claims PENDING payouts due for a check with {@code SKIP LOCKED} and moves their next check on to
     * {@code nextCheck} in the same statement, so another node neither waits for them nor takes them until then.
     */
    List<Payout> claimDue(Instant now, Instant nextCheck, int limit) {
        return jdbc.sql("""
                        update payouts set next_check_at = :next
                         where id in (select id from payouts
                                       where status = 'PENDING' and next_check_at <= :now
                                       order by next_check_at limit :limit for update skip locked)
                        returning\s""" + COLUMNS)
                .param("now", Timestamp.from(now))
                .param("next", Timestamp.from(nextCheck))
                .param("limit", limit)
                .query((rs, n) -> payout(rs))
                .list();
    }

    private static Payout payout(ResultSet rs) throws SQLException {
        return new Payout(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                PayoutMethod.valueOf(rs.getString("method")),
                Provider.valueOf(rs.getString("provider")),
                rs.getString("phone_number"),
                PayoutStatus.valueOf(rs.getString("status")),
                rs.getString("originator_conversation_id"),
                rs.getString("conversation_id"),
                rs.getString("receipt"),
                rs.getString("failure_reason"),
                instant(rs, "sent_at"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
