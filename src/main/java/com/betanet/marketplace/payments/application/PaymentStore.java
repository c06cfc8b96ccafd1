package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Payments, refunds and the callback inbox in SQL. */
@Component
public class PaymentStore {

    private static final String COLUMNS = """
            id, purpose, reference_id, payer_id, method, provider, status, amount, currency, phone_number,
            provider_reference, client_secret, failure_reason, refunded_amount, suspense_amount, flagged, charged_back,
            created_at, updated_at
            """;

    private final JdbcClient jdbc;

    PaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Payment payment, Instant nextCheckAt) {
        jdbc.sql("""
                        insert into payments (id, purpose, reference_id, payer_id, method, provider, status, amount,
                                              currency, phone_number, next_check_at, created_at, updated_at)
                        values (:id, :purpose, :reference, :payer, :method, :provider, :status, :amount, :currency,
                                :phone, :nextCheck, :at, :at)""")
                .param("id", payment.id())
                .param("purpose", payment.purpose().name())
                .param("reference", payment.referenceId())
                .param("payer", payment.payerId())
                .param("method", payment.method().name())
                .param("provider", payment.provider().name())
                .param("status", payment.status().name())
                .param("amount", payment.amount().amount())
                .param("currency", payment.amount().currency())
                .param("phone", payment.phoneNumber())
                .param("nextCheck", Timestamp.from(nextCheckAt))
                .param("at", Timestamp.from(payment.createdAt()))
                .update();
    }

    public Optional<Payment> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payments where id = ?")
                .param(id)
                .query((rs, n) -> payment(rs))
                .optional();
    }

    Optional<Payment> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from payments where id = ? for update")
                .param(id)
                .query((rs, n) -> payment(rs))
                .optional();
    }

    Optional<Payment> lockByProviderReference(Provider provider, String providerReference) {
        return jdbc.sql("select " + COLUMNS + " from payments where provider = ? and provider_reference = ? for update")
                .params(provider.name(), providerReference)
                .query((rs, n) -> payment(rs))
                .optional();
    }

    /**
     * The newest PENDING payment of {@code provider} whose start was never acknowledged (no provider reference), paid
     * from {@code phoneNumber} for exactly {@code amount}, locked: the payment a callback with an unknown provider
     * reference may belong to (the start timed out after the provider accepted it).
     */
    Optional<Payment> lockUnacknowledged(Provider provider, String phoneNumber, Money amount) {
        return jdbc.sql("select " + COLUMNS + """
                         from payments
                        where provider = ? and provider_reference is null and status = 'PENDING'
                          and phone_number = ? and amount = ? and currency = ?
                        order by created_at desc limit 1 for update""")
                .params(provider.name(), phoneNumber, amount.amount(), amount.currency())
                .query((rs, n) -> payment(rs))
                .optional();
    }

    /** Gives a payment the provider reference it never got from its start (learnt from a callback). */
    void adoptProviderReference(UUID id, String providerReference, Instant at) {
        jdbc.sql("""
                        update payments set provider_reference = ?, updated_at = ?, version = version + 1
                         where id = ? and provider_reference is null""").params(providerReference, Timestamp.from(at), id).update();
    }

    /** Marks a payment for an admin (a chargeback was opened) without changing its status. */
    void markFlagged(UUID id, Instant at) {
        jdbc.sql("update payments set flagged = true, updated_at = ?, version = version + 1 where id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    /** The payer's bank took the payment back (flagged for an admin too): nothing more of it is ever refunded. */
    void markChargedBack(UUID id, Instant at) {
        jdbc.sql("""
                        update payments set flagged = true, charged_back = true, updated_at = ?, version = version + 1
                         where id = ?""").params(Timestamp.from(at), id).update();
    }

    /** The first succeeded payment of a reference, locked. */
    Optional<Payment> lockSucceeded(PaymentPurpose purpose, UUID referenceId) {
        return jdbc.sql("select " + COLUMNS + """
                         from payments where purpose = ? and reference_id = ?
                          and status in ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED') and not declined
                        order by created_at, id limit 1 for update""")
                .params(purpose.name(), referenceId)
                .query((rs, n) -> payment(rs))
                .optional();
    }

    boolean hasPending(PaymentPurpose purpose, UUID referenceId) {
        return Boolean.TRUE.equals(jdbc.sql("""
                        select exists(select 1 from payments
                                       where purpose = ? and reference_id = ? and status = 'PENDING')""")
                .params(purpose.name(), referenceId)
                .query(Boolean.class)
                .single());
    }

    /**
     * What the payments of a reference amount to, read in one statement: a payment settling between two separate
     * reads ("succeeded?" then "pending?") would look like neither and let a second charge start.
     */
    Standing standing(PaymentPurpose purpose, UUID referenceId) {
        return jdbc.sql("""
                        select case
                                 when bool_or(status in ('SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED')
                                              and not declined) then 'PAID'
                                 when bool_or(status = 'PENDING') then 'IN_PROGRESS'
                                 else 'OPEN'
                               end
                          from payments where purpose = ? and reference_id = ?""")
                .params(purpose.name(), referenceId)
                .query((rs, n) -> Standing.valueOf(rs.getString(1)))
                .single();
    }

    /** The reference's payments started at the provider and waiting for their payer to confirm them. */
    List<Payment> awaitingThePayer(PaymentPurpose purpose, UUID referenceId) {
        return jdbc.sql("select " + COLUMNS + " from payments where purpose = ? and reference_id = ?"
                        + " and status = 'REQUIRES_ACTION'")
                .params(purpose.name(), referenceId)
                .query((rs, n) -> payment(rs))
                .list();
    }

    /** CANCELLED, if it is still waiting for its payer (a webhook may have settled it meanwhile). */
    void cancelAwaitingThePayer(UUID id, String reason, Instant at) {
        jdbc.sql("""
                        update payments set status = 'CANCELLED', failure_reason = ?, updated_at = ?, version = version + 1
                         where id = ? and status = 'REQUIRES_ACTION'""").params(reason, Timestamp.from(at), id).update();
    }

    /** Marks a succeeded payment as one its reference did not take (see V30). */
    void markDeclined(UUID id, Instant at) {
        jdbc.sql("update payments set declined = true, updated_at = ?, version = version + 1 where id = ?")
                .params(Timestamp.from(at), id)
                .update();
    }

    /**
     * A reference's payments at a glance: one succeeded (and not declined by the reference), one still PENDING, or
     * neither.
     */
    enum Standing {
        PAID,
        IN_PROGRESS,
        OPEN
    }

    Set<UUID> withPending(PaymentPurpose purpose, Collection<UUID> referenceIds) {
        if (referenceIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("""
                        select reference_id from payments
                         where purpose = :purpose and reference_id in (:ids) and status = 'PENDING'""")
                .param("purpose", purpose.name())
                .param("ids", referenceIds)
                .query(UUID.class)
                .list());
    }

    /** Records what the provider answered to a start; only while the payment is still PENDING. */
    void recordStarted(
            UUID id, String providerReference, @Nullable String clientSecret, PaymentStatus status, Instant at) {
        jdbc.sql("""
                        update payments set provider_reference = ?, client_secret = ?, status = ?, updated_at = ?,
                                            version = version + 1
                         where id = ? and status = 'PENDING'""")
                .params(providerReference, clientSecret, status.name(), Timestamp.from(at), id)
                .update();
    }

    void updateStatus(UUID id, PaymentStatus status, @Nullable String failureReason, Instant at) {
        jdbc.sql("""
                        update payments set status = ?, failure_reason = ?, updated_at = ?, version = version + 1
                         where id = ?""")
                .params(status.name(), failureReason, Timestamp.from(at), id)
                .update();
    }

    /** Flags the payment for an admin, adding {@code toSuspense} (minor units) to what of it went to suspense. */
    void flag(UUID id, PaymentStatus status, String failureReason, long toSuspense, Instant at) {
        jdbc.sql("""
                        update payments set status = ?, failure_reason = ?, flagged = true,
                                            suspense_amount = suspense_amount + ?, updated_at = ?,
                                            version = version + 1
                         where id = ?""")
                .params(status.name(), failureReason, toSuspense, Timestamp.from(at), id)
                .update();
    }

    void addRefunded(UUID id, long amount, PaymentStatus status, Instant at) {
        jdbc.sql("""
                        update payments set refunded_amount = refunded_amount + ?, status = ?, updated_at = ?,
                                            version = version + 1
                         where id = ?""").params(amount, status.name(), Timestamp.from(at), id).update();
    }

    /**
     * Claims PENDING payments due for a check with {@code SKIP LOCKED} and moves their next check on by {@code lease}
     * in the same statement, so another node neither waits for them nor takes them until then.
     */
    List<Payment> claimDueForCheck(Instant now, Instant nextCheck, int limit) {
        return jdbc.sql("""
                        update payments set next_check_at = :next
                         where id in (select id from payments
                                       where status = 'PENDING' and next_check_at <= :now
                                       order by next_check_at limit :limit for update skip locked)
                        returning\s""" + COLUMNS)
                .param("now", Timestamp.from(now))
                .param("next", Timestamp.from(nextCheck))
                .param("limit", limit)
                .query((rs, n) -> payment(rs))
                .list();
    }

    /** Payments matching {@code filter}, newest first, {@code fetch} of them after the keyset position if given. */
    List<Payment> list(AdminPayments.Filter filter, @Nullable Instant afterTime, @Nullable UUID afterId, int fetch) {
        var sql = new StringBuilder("select " + COLUMNS + " from payments where true");
        var params = new LinkedHashMap<String, Object>();
        if (filter.status() != null) {
            sql.append(" and status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.flagged() != null) {
            sql.append(filter.flagged() ? " and flagged" : " and not flagged");
        }
        if (filter.method() != null) {
            sql.append(" and method = :method");
            params.put("method", filter.method().name());
        }
        if (filter.payerId() != null) {
            sql.append(" and payer_id = :payer");
            params.put("payer", filter.payerId());
        }
        if (filter.referenceId() != null) {
            sql.append(" and reference_id = :reference");
            params.put("reference", filter.referenceId());
        }
        if (afterTime != null && afterId != null) {
            sql.append(" and (created_at, id) < (:afterTime, :afterId)");
            params.put("afterTime", Timestamp.from(afterTime));
            params.put("afterId", afterId);
        }
        sql.append(" order by created_at desc, id desc limit :fetch");
        params.put("fetch", fetch);
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> payment(rs))
                .list();
    }

    /** The refunds of these payments by payment, oldest first (one query for a page of payments). */
    Map<UUID, List<AdminPayments.RefundView>> refundsOf(Collection<UUID> paymentIds) {
        var refunds = new HashMap<UUID, List<AdminPayments.RefundView>>();
        if (paymentIds.isEmpty()) {
            return refunds;
        }
        jdbc.sql("""
                        select id, payment_id, amount, currency, status, source, reason, failure_reason,
                               provider_reference, created_at, updated_at
                          from refunds where payment_id in (:ids) order by created_at, id""").param("ids", paymentIds).query(rs -> {
            refunds.computeIfAbsent(rs.getObject("payment_id", UUID.class), id -> new ArrayList<>())
                    .add(new AdminPayments.RefundView(
                            rs.getObject("id", UUID.class),
                            Money.of(rs.getLong("amount"), rs.getString("currency")),
                            rs.getString("status"),
                            RefundSource.valueOf(rs.getString("source")),
                            rs.getString("reason"),
                            rs.getString("failure_reason"),
                            rs.getString("provider_reference"),
                            rs.getTimestamp("created_at").toInstant(),
                            rs.getTimestamp("updated_at").toInstant()));
        });
        return refunds;
    }

    // --- refunds

    record Refund(
            UUID id,
            UUID paymentId,
            String refundKey,
            Money amount,
            String status,
            @Nullable String reason,
            @Nullable String providerReference,
            RefundSource source) {}

    private static final String REFUND_COLUMNS =
            "id, payment_id, refund_key, amount, currency, status, reason, provider_reference, source";

    Optional<Refund> findRefund(UUID paymentId, String refundKey) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refunds where payment_id = ? and refund_key = ?")
                .params(paymentId, refundKey)
                .query((rs, n) -> refund(rs))
                .optional();
    }

    Optional<Refund> findRefund(UUID refundId) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refunds where id = ?")
                .param(refundId)
                .query((rs, n) -> refund(rs))
                .optional();
    }

    /**
     * The refund with this provider reference, of a payment of {@code provider}. A refund whose sending got no answer
     * has no reference yet; a report naming our own refund id (M-Pesa echoes it as the OriginatorConversationID)
     * still finds it.
     */
    Optional<Refund> findRefundByProviderReference(Provider provider, String providerReference) {
        return jdbc.sql("select r." + REFUND_COLUMNS.replace(", ", ", r.") + """
                         from refunds r join payments p on p.id = r.payment_id
                        where p.provider = :provider
                          and (r.provider_reference = :reference or (r.provider_reference is null and r.id = :id))
                        limit 1""")
                .param("provider", provider.name())
                .param("reference", providerReference)
                .param("id", Ids.parse(providerReference).orElse(null), Types.OTHER)
                .query((rs, n) -> refund(rs))
                .optional();
    }

    Optional<Refund> lockRefund(UUID refundId) {
        return jdbc.sql("select " + REFUND_COLUMNS + " from refunds where id = ? for update")
                .param(refundId)
                .query((rs, n) -> refund(rs))
                .optional();
    }

    /** The PENDING refunds of a payment that its provider accepted, oldest first. */
    List<Refund> acceptedPendingRefunds(UUID paymentId) {
        return jdbc.sql("select " + REFUND_COLUMNS + """
                         from refunds
                        where payment_id = ? and status = 'PENDING' and provider_reference is not null
                        order by created_at, id""")
                .param(paymentId)
                .query((rs, n) -> refund(rs))
                .list();
    }

    /** What was asked back of a payment from {@code source} so far (refunds not failed), in minor units. */
    long refundsNotFailed(UUID paymentId, RefundSource source) {
        return jdbc.sql("""
                        select coalesce(sum(amount), 0)
                          from refunds
                         where payment_id = ? and source = ? and status <> 'FAILED'""").params(paymentId, source.name()).query(Long.class).single();
    }

    /**
     * A new refund in its status: PENDING, not sent (the refund status job sends it at {@code checkAt} if nothing did
     * before), or SUCCEEDED when it needed no provider (cents credited to a wallet).
     */
    void insertRefund(Refund refund, Instant at, Instant checkAt) {
        jdbc.sql("""
                        insert into refunds (id, payment_id, refund_key, amount, currency, status, reason, source,
                                             created_at, updated_at, check_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        refund.id(),
                        refund.paymentId(),
                        refund.refundKey(),
                        refund.amount().amount(),
                        refund.amount().currency(),
                        refund.status(),
                        refund.reason(),
                        refund.source().name(),
                        Timestamp.from(at),
                        Timestamp.from(at),
                        Timestamp.from(checkAt))
                .update();
    }

    /**
     * Claims the right to send a PENDING refund that was never sent, and puts its check off to {@code checkAt};
     * false when it was sent (or settled) before. Committed before the provider is called.
     */
    boolean claimRefundSend(UUID refundId, Instant now, Instant checkAt) {
        return jdbc.sql("""
                                update refunds set sent_at = ?, check_at = ?, updated_at = ?
                                 where id = ? and status = 'PENDING' and sent_at is null""")
                        .params(Timestamp.from(now), Timestamp.from(checkAt), Timestamp.from(now), refundId)
                        .update()
                == 1;
    }

    /** The refund's request surely did not reach the provider, or the provider has no trace of it: send it again. */
    void refundUnsent(UUID refundId, Instant retryAt, Instant now) {
        jdbc.sql("""
                        update refunds set sent_at = null, check_at = ?, updated_at = ?
                         where id = ? and status = 'PENDING'""")
                .params(Timestamp.from(retryAt), Timestamp.from(now), refundId)
                .update();
    }

    /** A PENDING refund due for the status job: {@code sent} says whether its request may have reached the provider. */
    record DueRefund(UUID id, boolean sent) {}

    /**
     * Claims PENDING refunds due for a check with {@code SKIP LOCKED}, moving their next check on to {@code nextCheck}
     * in the same statement, so another node neither waits for them nor takes them until then.
     */
    List<DueRefund> claimDueRefunds(Instant now, Instant nextCheck, int limit) {
        return jdbc.sql("""
                        update refunds set check_at = :next
                         where id in (select id from refunds
                                       where status = 'PENDING' and check_at <= :now
                                       order by check_at limit :limit for update skip locked)
                        returning id, sent_at is not null as sent""")
                .param("now", Timestamp.from(now))
                .param("next", Timestamp.from(nextCheck))
                .param("limit", limit)
                .query((rs, n) -> new DueRefund(rs.getObject("id", UUID.class), rs.getBoolean("sent")))
                .list();
    }

    void refundAccepted(UUID refundId, String providerReference, Instant at) {
        jdbc.sql("""
                        update refunds set provider_reference = ?, updated_at = ?
                         where id = ? and provider_reference is null""").params(providerReference, Timestamp.from(at), refundId).update();
    }

    void refundSettled(UUID refundId, String status, @Nullable String failureReason, Instant at) {
        jdbc.sql("update refunds set status = ?, failure_reason = ?, updated_at = ? where id = ?")
                .params(status, failureReason, Timestamp.from(at), refundId)
                .update();
    }

    private static Refund refund(ResultSet rs) throws SQLException {
        return new Refund(
                rs.getObject("id", UUID.class),
                rs.getObject("payment_id", UUID.class),
                rs.getString("refund_key"),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getString("provider_reference"),
                RefundSource.valueOf(rs.getString("source")));
    }

    private static Payment payment(ResultSet rs) throws SQLException {
        return new Payment(
                rs.getObject("id", UUID.class),
                PaymentPurpose.valueOf(rs.getString("purpose")),
                rs.getObject("reference_id", UUID.class),
                rs.getObject("payer_id", UUID.class),
                PaymentMethod.valueOf(rs.getString("method")),
                Provider.valueOf(rs.getString("provider")),
                PaymentStatus.valueOf(rs.getString("status")),
                Money.of(rs.getLong("amount"), rs.getString("currency")),
                rs.getString("phone_number"),
                rs.getString("provider_reference"),
                rs.getString("client_secret"),
                rs.getString("failure_reason"),
                rs.getLong("refunded_amount"),
                rs.getLong("suspense_amount"),
                rs.getBoolean("flagged"),
                rs.getBoolean("charged_back"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
