package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.payments.PayoutSettled;
import com.betanet.marketplace.payments.application.PaymentInbox;
import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.mpesa.B2cResult;
import com.betanet.marketplace.payments.mpesa.DarajaQueueTimeout;
import com.betanet.marketplace.payments.mpesa.MpesaCallbackParseException;
import com.betanet.marketplace.payments.mpesa.TransactionStatusResult;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what the provider says about payouts — Daraja's B2C result, queue timeout and transaction status documents,
 * posted to our webhooks or produced by the simulator, all through here — in one transaction per document: it is
 * recorded in the payments' inbox first (a duplicate finds its row and changes nothing), then the payout is locked,
 * its status changed, its ledger hold posted or voided and {@link PayoutSettled} published, together.
 */
@Service
public class PayoutCallbacks {

    private static final Logger log = LoggerFactory.getLogger(PayoutCallbacks.class);

    /** What became of a document; the webhooks answer Daraja "Accepted" to all of them. */
    public enum Outcome {
        DUPLICATE,
        UNKNOWN_PAYOUT,
        SUCCEEDED,
        FAILED,
        ALREADY_SETTLED,
        /** The document proves nothing final (a queue timeout, an inconclusive status): the payout stays PENDING. */
        STILL_PENDING
    }

    private final PayoutStore store;
    private final PaymentInbox inbox;
    private final PaymentSettlement refunds;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration statusAfter;

    PayoutCallbacks(
            PayoutStore store,
            PaymentInbox inbox,
            PaymentSettlement refunds,
            Ledger ledger,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${marketplace.payments.payouts.status-after}") String statusAfter) {
        this.store = store;
        this.inbox = inbox;
        this.refunds = refunds;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.statusAfter = DurationStyle.detectAndParse(statusAfter);
    }

    /**
     * A B2C result: ResultCode 0 — the money reached the phone, the hold is posted; any other code — a definite
     * failure, the hold is voided and the money is available again.
     *
     * @throws MpesaCallbackParseException when {@code body} is not a B2C result document
     */
    @Transactional
    public Outcome b2cResult(Provider source, String body) {
        var result = B2cResult.parse(body);
        var eventId = "b2c-result:" + result.originatorConversationId();
        var now = now();
        if (!inbox.receive(source, eventId, body, now)) {
            return Outcome.DUPLICATE;
        }
        var found = payout(source, result.originatorConversationId());
        if (found.isEmpty()) {
            return done(source, eventId, refundResult(source, result, body), now);
        }
        var payout = found.get();
        if (payout.status() != PayoutStatus.PENDING) {
            return done(source, eventId, alreadySettled(payout, result.succeeded(), now), now);
        }
        if (result.succeeded()) {
            var paid = result.amountCents();
            if (paid != null && paid != payout.amount().amount()) {
                flag(
                        payout,
                        "M-Pesa paid " + Money.of(paid, payout.amount().currency()) + " instead of " + payout.amount()
                                + "; booked as requested, check with Safaricom",
                        now);
            }
            succeed(payout, result.receipt(), result.conversationId(), now);
            return done(source, eventId, Outcome.SUCCEEDED, now);
        }
        fail(payout, "M-Pesa could not pay (" + result.resultCode() + "): " + result.resultDesc(), now);
        return done(source, eventId, Outcome.FAILED, now);
    }

    /** A B2C result that is not a payout's may be an M-Pesa refund's ({@code DarajaB2cRefunds}): settle it. */
    private Outcome refundResult(Provider source, B2cResult result, String body) {
        var refundEvent = "b2c-refund:" + result.originatorConversationId();
        var settled = result.succeeded()
                ? refunds.refundSucceeded(source, result.originatorConversationId(), refundEvent, body)
                : refunds.refundFailed(
                        source,
                        result.originatorConversationId(),
                        refundEvent,
                        "M-Pesa could not pay the refund (" + result.resultCode() + "): " + result.resultDesc(),
                        body);
        return switch (settled) {
            case UNKNOWN_PAYMENT -> Outcome.UNKNOWN_PAYOUT;
            case DUPLICATE, ALREADY_SETTLED -> Outcome.ALREADY_SETTLED;
            default -> result.succeeded() ? Outcome.SUCCEEDED : Outcome.FAILED;
        };
    }

    /** A Transaction Status result about a refund's B2C payment: final answers settle the refund. */
    private Outcome refundStatus(
            Provider source,
            String refundReference,
            TransactionStatusResult.Outcome outcome,
            @Nullable String transactionStatus,
            String body) {
        var refundEvent = "b2c-refund-status:" + refundReference;
        var settled = switch (outcome) {
            case COMPLETED -> refunds.refundSucceeded(source, refundReference, refundEvent, body);
            case FAILED ->
                refunds.refundFailed(
                        source, refundReference, refundEvent, "M-Pesa reports the refund " + transactionStatus, body);
            default -> null;
        };
        if (settled == null) {
            return Outcome.STILL_PENDING;
        }
        return switch (settled) {
            case UNKNOWN_PAYMENT -> Outcome.UNKNOWN_PAYOUT;
            case DUPLICATE, ALREADY_SETTLED -> Outcome.ALREADY_SETTLED;
            default -> outcome == TransactionStatusResult.Outcome.COMPLETED ? Outcome.SUCCEEDED : Outcome.FAILED;
        };
    }

    /**
     * A B2C request waited too long in Daraja's queue. That proves nothing (it may still be carried out): the payout
     * stays PENDING and its status is asked right after commit ({@link PayoutStatusQueryRequested}).
     *
     * @throws MpesaCallbackParseException when {@code body} has no OriginatorConversationID
     */
    @Transactional
    public Outcome b2cTimeout(Provider source, String body) {
        var timeout = DarajaQueueTimeout.parse(body);
        var eventId = "b2c-timeout:" + timeout.originatorConversationId();
        var now = now();
        if (!inbox.receive(source, eventId, body, now)) {
            return Outcome.DUPLICATE;
        }
        var found = payout(source, timeout.originatorConversationId());
        if (found.isEmpty()) {
            // perhaps a refund's B2C payment: a timeout proves nothing, ask how it ended
            events.publishEvent(new RefundStatusQueryRequested(timeout.originatorConversationId()));
            return done(source, eventId, Outcome.STILL_PENDING, now);
        }
        var payout = found.get();
        if (payout.status() != PayoutStatus.PENDING) {
            return done(source, eventId, Outcome.ALREADY_SETTLED, now);
        }
        // asked now; if no answer comes, the status job asks again after statusAfter
        store.checkAt(payout.id(), now.plus(statusAfter));
        events.publishEvent(new PayoutStatusQueryRequested(payout.id()));
        log.warn("Payout {} timed out in the M-Pesa queue; it stays pending and its status is queried", payout.id());
        return done(source, eventId, Outcome.STILL_PENDING, now);
    }

    /**
     * A Transaction Status result about a payout: Completed — posted; Failed (or cancelled, declined, expired) —
     * voided; anything else (the query failed, the status is not final) — it stays PENDING and is asked again.
     *
     * @throws MpesaCallbackParseException when {@code body} is not a Daraja result document
     */
    @Transactional
    public Outcome statusResult(Provider source, String body) {
        var result = TransactionStatusResult.parse(body);
        var eventId = "b2c-status:" + result.queryOriginatorConversationId();
        var now = now();
        if (!inbox.receive(source, eventId, body, now)) {
            return Outcome.DUPLICATE;
        }
        // the queried payout's id; the Occasion we sent with the query echoes it when the parameter is missing
        var originator =
                result.originatorConversationId() != null ? result.originatorConversationId() : result.occasion();
        var found = originator == null ? Optional.<Payout>empty() : payout(source, originator);
        if (found.isEmpty()) {
            var outcome = originator == null
                    ? Outcome.UNKNOWN_PAYOUT
                    : refundStatus(source, originator, result.outcome(), result.transactionStatus(), body);
            return done(source, eventId, outcome, now);
        }
        var payout = found.get();
        var outcome = result.outcome();
        if (payout.status() != PayoutStatus.PENDING) {
            return done(
                    source,
                    eventId,
                    outcome == TransactionStatusResult.Outcome.UNKNOWN
                            ? Outcome.ALREADY_SETTLED
                            : alreadySettled(payout, outcome == TransactionStatusResult.Outcome.COMPLETED, now),
                    now);
        }
        switch (outcome) {
            case COMPLETED -> {
                succeed(payout, result.receipt(), null, now);
                return done(source, eventId, Outcome.SUCCEEDED, now);
            }
            case FAILED -> {
                fail(payout, "M-Pesa reports the payout " + result.transactionStatus(), now);
                return done(source, eventId, Outcome.FAILED, now);
            }
            default -> {
                log.warn(
                        "Status of payout {} is not final ({} {}: {}); it stays pending",
                        payout.id(),
                        result.resultCode(),
                        result.transactionStatus(),
                        result.resultDesc());
                return done(source, eventId, Outcome.STILL_PENDING, now);
            }
        }
    }

    /**
     * A status query waited too long in Daraja's queue: nothing is known yet; the status job asks again later.
     *
     * @throws MpesaCallbackParseException when {@code body} has no OriginatorConversationID
     */
    public Outcome statusTimeout(Provider source, String body) {
        var timeout = DarajaQueueTimeout.parse(body);
        log.warn(
                "A payout status query ({}) timed out in the M-Pesa queue; it is asked again later",
                timeout.originatorConversationId());
        return Outcome.STILL_PENDING;
    }

    /** The provider refused the payout outright (no callback will come): it fails and its money is released. */
    @Transactional
    public Outcome refused(UUID payoutId, String reason) {
        var payout = store.lock(payoutId).orElseThrow();
        if (payout.status() != PayoutStatus.PENDING) {
            return Outcome.ALREADY_SETTLED;
        }
        fail(payout, reason, now());
        return Outcome.FAILED;
    }

    /** The payout the report is about; empty for a report on an M-Pesa refund's B2C payment (or on nothing of ours). */
    private Optional<Payout> payout(Provider source, String originatorConversationId) {
        return store.lockByOriginatorConversationId(originatorConversationId)
                .filter(payout -> payout.provider() == source);
    }

    private void succeed(Payout payout, @Nullable String receipt, @Nullable String conversationId, Instant now) {
        store.succeeded(payout.id(), receipt, conversationId, now);
        ledger.postPending(List.of(payout.holdTransferId()));
        // the money left the provider's account: payouts in flight is back to zero for this payout
        ledger.post(new Transfer(
                payout.paidTransferId(),
                payout.inFlight(),
                payout.clearing(),
                payout.amount(),
                "PAYOUT",
                "PAYOUT",
                payout.id(),
                "Paid out by M-Pesa" + (receipt == null ? "" : " " + receipt)));
        events.publishEvent(new PayoutSettled(payout.id(), payout.userId(), payout.amount(), true, null, now));
        log.info("Payout {} of {} succeeded ({})", payout.id(), payout.amount(), receipt);
    }

    private void fail(Payout payout, String reason, Instant now) {
        store.failed(payout.id(), reason, now);
        ledger.voidPending(List.of(payout.holdTransferId()));
        events.publishEvent(new PayoutSettled(payout.id(), payout.userId(), payout.amount(), false, reason, now));
        log.info("Payout {} of {} failed: {}; the money is available again", payout.id(), payout.amount(), reason);
    }

    /** A final answer about a payout that already has one; a contradiction needs a person. */
    private Outcome alreadySettled(Payout payout, boolean succeeded, Instant now) {
        if (succeeded != (payout.status() == PayoutStatus.SUCCEEDED)) {
            flag(
                    payout,
                    "Booked " + payout.status() + " but M-Pesa later reported it " + (succeeded ? "paid" : "failed")
                            + ": reconcile by hand",
                    now);
        }
        return Outcome.ALREADY_SETTLED;
    }

    /** Flagged for an admin (gauge {@code marketplace.payouts.flagged}), and logged. */
    private void flag(Payout payout, String reason, Instant now) {
        store.flag(payout.id(), reason, now);
        log.error("Payout {} flagged: {}", payout.id(), reason);
    }

    private Outcome done(Provider source, String eventId, Outcome outcome, Instant now) {
        if (outcome == Outcome.UNKNOWN_PAYOUT) {
            // neither a payout nor a refund of ours (refund results are settled without this warning)
            log.warn("{} reports {} on nothing of ours; recorded, nothing changed", source, eventId);
        }
        inbox.processed(source, eventId, outcome.name(), now);
        return outcome;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
