package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.provider.Provider;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
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
        return insert(provider, externalId, payloadJson, at) || claim(provider, externalId);
    }

    /**
     * Records a document to be applied by {@link InboxWorker} ({@code kind} says how), due at {@code dueAt}: at once
     * for any node to take, or later when the caller goes on to apply it itself (it holds the document till then, see
     * {@link #lease}). Its own statement: the caller answers the provider once this returns.
     *
     * @return whether it is new; for a redelivery whose content is not the recorded one (as JSON values), the recorded
     *     document
     */
    Recording record(Provider provider, String externalId, String kind, String payloadJson, Instant at, Instant dueAt) {
        var found = jdbc.sql("""
                        with recorded as (
                            insert into payment_inbox (provider, external_id, payload, received_at, kind, next_attempt_at)
                            values (?, ?, ?::jsonb, ?, ?, ?) on conflict do nothing
                            returning 1),
                        existing as (
                            select payload from payment_inbox
                            where not exists (select from recorded) and provider = ? and external_id = ?)
                        select exists (select from recorded) as new,
                               exists (select from existing) as seen,
                               (select payload::text from existing where payload <> ?::jsonb) as differing""")
                .params(
                        provider.name(),
                        externalId,
                        payloadJson,
                        Timestamp.from(at),
                        kind,
                        Timestamp.from(dueAt),
                        provider.name(),
                        externalId,
                        payloadJson)
                .query((row, n) -> new Found(row.getBoolean("new"), row.getBoolean("seen"), row.getString("differing")))
                .single();
        if (found.isNew() || found.seen()) {
            return new Recording(found.isNew(), found.differing());
        }
        // recorded by a delivery whose statement began before this one's and committed while this one waited for it:
        // invisible to this statement's snapshot, but committed now
        return new Recording(false, differingFrom(provider, externalId, payloadJson));
    }

    private record Found(
            boolean isNew, boolean seen, @Nullable String differing) {}

    private @Nullable String differingFrom(Provider provider, String externalId, String payloadJson) {
        return jdbc.sql("""
                        select payload::text from payment_inbox
                        where provider = ? and external_id = ? and payload <> ?::jsonb""")
                .params(provider.name(), externalId, payloadJson)
                .query((row, n) -> row.getString(1))
                .optional()
                .orElse(null);
    }

    /** What {@link #record} found: a new document, or a redelivery, with the recorded document if it differs. */
    record Recording(boolean isNew, @Nullable String recordedDiffering) {}

    /**
     * Keeps a redelivery that contradicts the recorded document, for an admin (the first one only); it changes
     * nothing else.
     */
    void contradicted(Provider provider, String externalId, String payloadJson, Instant at) {
        jdbc.sql("""
                        update payment_inbox set contradicted_by = ?::jsonb, contradicted_at = ?
                        where provider = ? and external_id = ? and contradicted_by is null""")
                .params(payloadJson, Timestamp.from(at), provider.name(), externalId)
                .update();
    }

    /** A document applied where it is received: no kind, never due for the worker. */
    private boolean insert(Provider provider, String externalId, String payloadJson, Instant at) {
        return jdbc.sql("""
                                insert into payment_inbox (provider, external_id, payload, received_at)
                                values (?, ?, ?::jsonb, ?) on conflict do nothing""")
                        .params(provider.name(), externalId, payloadJson, Timestamp.from(at))
                        .update()
                == 1;
    }

    /**
     * Takes up to {@code limit} due documents of the given kinds (those this node can apply) for the caller to apply,
     * oldest due first, and puts each off until {@code until} (one statement, committed at once): no other node takes
     * them meanwhile, neither while the caller applies them nor in the moment between a failed attempt's rollback and
     * the failure being recorded ({@link #failed}, which puts the document off properly). Documents another
     * transaction holds are skipped.
     */
    List<Due> take(Collection<String> kinds, Instant now, Instant until, int limit) {
        return jdbc.sql("""
                        update payment_inbox set next_attempt_at = ?
                        where (provider, external_id) in (
                            select provider, external_id from payment_inbox
                            where kind = any (?) and processed_at is null and next_attempt_at <= ?
                            order by next_attempt_at
                            limit ?
                            for update skip locked)
                        returning provider, external_id, kind, payload::text as payload, attempts""")
                .params(Timestamp.from(until), kinds.toArray(String[]::new), Timestamp.from(now), limit)
                .query((row, n) -> new Due(
                        Provider.valueOf(row.getString("provider")),
                        row.getString("external_id"),
                        row.getString("kind"),
                        row.getString("payload"),
                        row.getInt("attempts")))
                .list();
    }

    /**
     * Locks a recorded document nobody has applied yet, for the caller's transaction to apply; false when it was
     * applied, or another transaction holds it (a document received again while it is being applied).
     */
    boolean claim(Provider provider, String externalId) {
        return jdbc.sql("""
                        select 1 from payment_inbox
                        where provider = ? and external_id = ? and kind is not null and processed_at is null
                        for update skip locked""")
                .params(provider.name(), externalId)
                .query()
                .optionalValue()
                .isPresent();
    }

    /**
     * Like {@link #claim}, for the node that holds the document ({@link #take}, or recorded to apply it itself): it
     * waits, as long as the transaction's lock waits are bounded, for a transaction that holds the row for a moment
     * (noting a redelivery that contradicts it, say) rather than leaving it untried until the hold ends; false when
     * it was applied meanwhile.
     */
    boolean claimHeld(Provider provider, String externalId) {
        return jdbc.sql("""
                        select 1 from payment_inbox
                        where provider = ? and external_id = ? and kind is not null and processed_at is null
                        for update""")
                .params(provider.name(), externalId)
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
