package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.provider.Provider;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The inbox of every document a provider sends us (payment callbacks and events, payout and refund results), keyed by
 * provider and the document's own id. A document is either recorded in the transaction that applies it, or recorded
 * first with a {@code kind} (a webhook, answered once recorded) and applied later by {@link InboxWorker}; either way a
 * duplicate delivery finds its row and changes nothing.
 */
@Component
public class PaymentInbox {

    /** A recorded document still to be applied. */
    record Due(Provider provider, String externalId, String kind, String payload, int attempts) {}

    private final JdbcClient jdbc;

    PaymentInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes a provider document to apply now, in the caller's transaction: true when it is new, or was recorded to be
     * applied later and nobody has applied it yet (its row is then locked until the caller's transaction ends); false
     * for a duplicate delivery, or one being applied by another transaction right now.
     */
    public boolean receive(Provider provider, String externalId, String payloadJson, Instant at) {
        return insert(provider, externalId, payloadJson, at, null) || claim(provider, externalId, at);
    }

    /**
     * Records a document to be applied later ({@code kind} says how); false when it was recorded before. Its own
     * statement: the caller answers the provider once this returns.
     */
    boolean record(Provider provider, String externalId, String kind, String payloadJson, Instant at) {
        return insert(provider, externalId, payloadJson, at, kind);
    }

    /** A document to apply later has a kind and is due at once; one applied where it is received has neither. */
    private boolean insert(
            Provider provider, String externalId, String payloadJson, Instant at, @Nullable String kind) {
        var received = Timestamp.from(at);
        return jdbc.sql("""
                                insert into payment_inbox (provider, external_id, payload, received_at, kind, next_attempt_at)
                                values (?, ?, ?::jsonb, ?, ?, ?) on conflict do nothing""")
                        .params(
                                provider.name(),
                                externalId,
                                payloadJson,
                                received,
                                kind,
                                kind == null ? null : received)
                        .update()
                == 1;
    }

    /**
     * Locks a recorded document nobody has applied yet and that is due at {@code now}; false when it was applied,
     * another transaction holds it, or its next attempt after a failure is not due yet (a node that listed it as due
     * before another node's attempt failed finds it put off).
     */
    boolean claim(Provider provider, String externalId, Instant now) {
        return jdbc.sql("""
                        select 1 from payment_inbox
                        where provider = ? and external_id = ? and kind is not null and processed_at is null
                          and next_attempt_at <= ?
                        for update skip locked""")
                .params(provider.name(), externalId, Timestamp.from(now))
                .query()
                .optionalValue()
                .isPresent();
    }

    /**
     * Bounds how long the rest of the caller's transaction waits for any one lock (a row another transaction holds):
     * past it the statement fails, and so does the transaction.
     */
    void limitLockWaits(Duration wait) {
        jdbc.sql("select set_config('lock_timeout', ?, true)")
                .param(wait.toMillis() + "ms")
                .query()
                .singleValue();
    }

    /** Recorded documents due to be applied, oldest due first. */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                        select provider, external_id, kind, payload::text as payload, attempts from payment_inbox
                        where kind is not null and processed_at is null and next_attempt_at <= ?
                        order by next_attempt_at
                        limit ?""")
                .params(Timestamp.from(now), limit)
                .query((row, n) -> new Due(
                        Provider.valueOf(row.getString("provider")),
                        row.getString("external_id"),
                        row.getString("kind"),
                        row.getString("payload"),
                        row.getInt("attempts")))
                .list();
    }

    /** Notes what applying the document did (for admins reading the inbox). */
    public void processed(Provider provider, String externalId, String outcome, Instant at) {
        jdbc.sql("update payment_inbox set processed_at = ?, outcome = ? where provider = ? and external_id = ?")
                .params(Timestamp.from(at), outcome, provider.name(), externalId)
                .update();
    }

    /** Marks a document applied when what applied it had nothing to note (an event of no interest to us). */
    void processedIfNot(Provider provider, String externalId, String outcome, Instant at) {
        jdbc.sql("""
                        update payment_inbox set processed_at = ?, outcome = ?
                        where provider = ? and external_id = ? and processed_at is null""")
                .params(Timestamp.from(at), outcome, provider.name(), externalId)
                .update();
    }

    /** Counts a failed attempt to apply a document, and puts the next one off by {@code retryIn}. */
    void failed(Provider provider, String externalId, String error, Instant at, Duration retryIn) {
        jdbc.sql("""
                        update payment_inbox set attempts = attempts + 1, next_attempt_at = ?, last_error = left(?, 1000)
                        where provider = ? and external_id = ? and processed_at is null""")
                .params(Timestamp.from(at.plus(retryIn)), error, provider.name(), externalId)
                .update();
    }
}
