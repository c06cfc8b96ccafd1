package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.payments.PaymentChargedBack;
import com.betanet.marketplace.payments.PaymentDisputed;
import com.betanet.marketplace.payments.PaymentFailed;
import com.betanet.marketplace.payments.PaymentRefunded;
import com.betanet.marketplace.payments.PaymentSucceeded;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what a provider reports — by callback, webhook, status query or the simulator, all through here — in one
 * transaction per report: the report is recorded in the inbox first (a duplicate finds its row and changes nothing),
 * then the payment is locked and moved, its money booked in the ledger and its event published (outbox), together.
 */
@Service
public class PaymentSettlement {

    private static final Logger log = LoggerFactory.getLogger(PaymentSettlement.class);

    /** What became of a report; webhook controllers answer 200 to all of them. */
    public enum Outcome {
        DUPLICATE,
        UNKNOWN_PAYMENT,
        SUCCEEDED,
        ALREADY_SUCCEEDED,
        FLAGGED,
        FAILED,
        ALREADY_SETTLED,
        REFUNDED,
        REFUND_FAILED,
        DISPUTED,
        CHARGED_BACK,
        DISPUTE_WON
    }

    private final PaymentStore store;
    private final PaymentInbox inbox;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PaymentSettlement(
            PaymentStore store, PaymentInbox inbox, Ledger ledger, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.inbox = inbox;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The provider says the payer paid {@code received}. Credited to the reference's escrow when it is the payment's
     * amount; any other amount is booked to SUSPENSE and the payment flagged (money is never left outside the
     * ledger). A success after a failure still counts: the money arrived.
     */
    @Transactional
    public Outcome succeeded(
            Provider provider, String providerReference, String externalEventId, Money received, String payloadJson) {
        return succeeded(provider, providerReference, externalEventId, received, payloadJson, null);
    }

    /**
     * Like {@link #succeeded(Provider, String, String, Money, String)}, for a report that names the payer's phone
     * number (an M-Pesa callback). When no payment has this provider reference, the report may belong to a payment
     * whose start timed out after the provider had accepted it (its reference never reached us): a PENDING payment of
     * the provider without a reference, from this phone and for exactly this amount, is given the reference and
     * settled. Anything else stays unmatched.
     */
    @Transactional
    public Outcome succeeded(
            Provider provider,
            String providerReference,
            String externalEventId,
            Money received,
            String payloadJson,
            @Nullable String payerPhone) {
        var now = now();
        if (!inbox.receive(provider, externalEventId, payloadJson, now)) {
            return Outcome.DUPLICATE;
        }
        var found = store.lockByProviderReference(provider, providerReference);
        if (found.isEmpty() && payerPhone != null) {
            found = store.lockUnacknowledged(provider, payerPhone, received);
            found.ifPresent(orphan -> {
                store.adoptProviderReference(orphan.id(), providerReference, now);
                log.warn(
                        "{} payment {} whose start got no answer is {} (matched by phone and amount)",
                        provider,
                        orphan.id(),
                        providerReference);
            });
            found = found.flatMap(orphan -> store.lock(orphan.id()));
        }
        if (found.isEmpty()) {
            log.warn(
                    "{} reports a payment {} that matches none of ours; recorded, nothing changed",
                    provider,
                    providerReference);
            return done(provider, externalEventId, Outcome.UNKNOWN_PAYMENT, now);
        }
        var payment = found.get();
        if (payment.status().hasSucceeded()) {
            return done(provider, externalEventId, Outcome.ALREADY_SUCCEEDED, now);
        }
        if (!received.equals(payment.amount())) {
            return toSuspense(payment, externalEventId, received, now);
        }
        store.updateStatus(payment.id(), PaymentStatus.SUCCEEDED, null, now);
        ledger.post(new Transfer(
                Transfer.idFor("payment:" + payment.id()),
                payment.clearing(),
                payment.escrow(),
                payment.amount(),
                "PAYMENT",
                "PAYMENT",
                payment.id(),
                "Payment " + payment.providerReference() + " for "
                        + payment.purpose().name().toLowerCase()));
        events.publishEvent(new PaymentSucceeded(
                payment.id(),
                payment.purpose(),
                payment.referenceId(),
                payment.payerId(),
                payment.amount(),
                payment.method(),
                now));
        log.info("Payment {} ({} {}) succeeded: {}", payment.id(), provider, providerReference, payment.amount());
        return done(provider, externalEventId, Outcome.SUCCEEDED, now);
    }

    private Outcome toSuspense(Payment payment, String externalEventId, Money received, Instant now) {
        var reason = "Received " + received + " instead of " + payment.amount() + "; held for review";
        if (received.amount() > 0) {
            ledger.post(new Transfer(
                    Transfer.idFor("payment-suspense:" + payment.provider() + ":" + externalEventId),
                    payment.clearing(),
                    AccountKey.suspense(),
                    received,
                    "SUSPENSE",
                    "PAYMENT",
                    payment.id(),
                    reason));
        }
        var status = payment.status().isOpen() ? PaymentStatus.FAILED : payment.status();
        store.flag(payment.id(), status, reason, Math.max(0, received.amount()), now);
        if (payment.status().isOpen()) {
            publishFailed(payment, reason, now);
        }
        log.error("Payment {} flagged: {} (booked to suspense)", payment.id(), reason);
        return done(payment.provider(), externalEventId, Outcome.FLAGGED, now);
    }

    /** The provider says the payment did not go through. A late failure never undoes a success. */
    @Transactional
    public Outcome failed(
            Provider provider, String providerReference, String externalEventId, String reason, String payloadJson) {
        return applyToPayment(
                provider, providerReference, externalEventId, payloadJson, "a failure", (payment, now) -> {
                    if (!payment.status().isOpen()) {
                        return Outcome.ALREADY_SETTLED;
                    }
                    store.updateStatus(payment.id(), PaymentStatus.FAILED, reason, now);
                    publishFailed(payment, reason, now);
                    log.info("Payment {} ({} {}) failed: {}", payment.id(), provider, providerReference, reason);
                    return Outcome.FAILED;
                });
    }

    /**
     * A payment whose start the provider never acknowledged (no provider reference) and that no status query could
     * find: it fails, so the reference can be paid again. Money that still arrives for it matches no payment and is
     * recorded in the inbox as such, for an admin.
     */
    @Transactional
    public Outcome unanswered(java.util.UUID paymentId, String reason) {
        var now = now();
        var payment = store.lock(paymentId).orElseThrow();
        if (!payment.status().isOpen() || payment.providerReference() != null) {
            return Outcome.ALREADY_SETTLED;
        }
        store.updateStatus(payment.id(), PaymentStatus.FAILED, reason, now);
        publishFailed(payment, reason, now);
        log.warn("Payment {} failed: {}", payment.id(), reason);
        return Outcome.FAILED;
    }

    /** The provider paid a refund back: its held ledger transfer is posted. */
    @Transactional
    public Outcome refundSucceeded(
            Provider provider, String refundReference, String externalEventId, String payloadJson) {
        return applyToRefund(provider, refundReference, externalEventId, payloadJson, "a refund", (found, now) -> {
            var payment = store.lock(found.paymentId()).orElseThrow();
            var refund = store.lockRefund(found.id()).orElseThrow();
            if (!"PENDING".equals(refund.status())) {
                return Outcome.ALREADY_SETTLED;
            }
            settleRefund(payment, refund, now);
            return Outcome.REFUNDED;
        });
    }

    /**
     * The provider says {@code totalRefunded} of the payment it knows as {@code paymentReference} has been paid back
     * so far (Stripe's {@code charge.refunded}: a running total, with the refunds' ids when the event lists them).
     * The named refunds are posted first; then the oldest accepted refunds that still fit in the total. A total
     * already accounted for changes nothing, so the events may come in any order and more than once.
     */
    @Transactional
    public Outcome refundsConfirmed(
            Provider provider,
            String paymentReference,
            String externalEventId,
            List<String> succeededRefundReferences,
            long totalRefunded,
            String payloadJson) {
        return applyToPayment(provider, paymentReference, externalEventId, payloadJson, "refunds", (found, now) -> {
            var paymentId = found.id();
            int settled = 0;
            for (var reference : succeededRefundReferences) {
                var refund = store.findRefundByProviderReference(provider, reference)
                        .filter(candidate -> candidate.paymentId().equals(paymentId))
                        .flatMap(candidate -> store.lockRefund(candidate.id()))
                        .filter(candidate -> "PENDING".equals(candidate.status()));
                if (refund.isPresent()) {
                    settleRefund(store.lock(paymentId).orElseThrow(), refund.get(), now);
                    settled++;
                }
            }
            for (var refund : store.acceptedPendingRefunds(paymentId)) {
                var payment = store.lock(paymentId).orElseThrow();
                if (payment.refundedAmount() + refund.amount().amount() > totalRefunded) {
                    break;
                }
                settleRefund(payment, store.lockRefund(refund.id()).orElseThrow(), now);
                settled++;
            }
            return settled > 0 ? Outcome.REFUNDED : Outcome.ALREADY_SETTLED;
        });
    }

    private void settleRefund(Payment payment, PaymentStore.Refund refund, Instant now) {
        store.refundSettled(refund.id(), "SUCCEEDED", null, now);
        ledger.postPending(List.of(refundTransferId(refund.id())));
        if (refund.source() == RefundSource.SUSPENSE) {
            // money that never paid for anything went back: the payment's own status and refunds stay as they were
            log.info(
                    "Refund {} of {} held in suspense for payment {} succeeded",
                    refund.id(),
                    refund.amount(),
                    payment.id());
            return;
        }
        refundedOnPayment(store, events, payment, refund.id(), refund.amount(), now);
        log.info("Refund {} of payment {} succeeded: {}", refund.id(), payment.id(), refund.amount());
    }

    /**
     * A refund of a payment's own money succeeded: the payment counts it (REFUNDED once all is back, else
     * PARTIALLY_REFUNDED) and {@link PaymentRefunded} tells the payer.
     */
    static void refundedOnPayment(
            PaymentStore store,
            ApplicationEventPublisher events,
            Payment payment,
            UUID refundId,
            Money amount,
            Instant now) {
        long refunded = payment.refundedAmount() + amount.amount();
        store.addRefunded(
                payment.id(),
                amount.amount(),
                refunded >= payment.amount().amount() ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED,
                now);
        events.publishEvent(new PaymentRefunded(
                payment.id(),
                refundId,
                payment.purpose(),
                payment.referenceId(),
                payment.payerId(),
                amount,
                payment.method(),
                now));
    }

    /**
     * The payer's bank disputes the payment (a chargeback): it is flagged for an admin and {@link PaymentDisputed}
     * is published; no money moves until the provider decides (a lost dispute is a later, separate report).
     */
    @Transactional
    public Outcome disputed(
            Provider provider, String paymentReference, String externalEventId, String reason, String payloadJson) {
        return applyToPayment(provider, paymentReference, externalEventId, payloadJson, "a dispute", (payment, now) -> {
            store.markFlagged(payment.id(), now);
            events.publishEvent(new PaymentDisputed(
                    payment.id(),
                    payment.purpose(),
                    payment.referenceId(),
                    payment.payerId(),
                    payment.amount(),
                    reason,
                    now));
            log.error(
                    "Payment {} ({} {}) is disputed by the payer's bank: {}",
                    payment.id(),
                    provider,
                    paymentReference,
                    reason);
            return Outcome.DISPUTED;
        });
    }

    /**
     * The payer's bank decided the dispute against us: the provider took {@code amount} back. The payment is marked
     * charged back at once (no refund of it is sent from now on), and {@link PaymentChargedBack} is published; whoever sold the reference closes what it sold and books the
     * loss ({@code PaymentsApi#bookChargeback}) in its listener's transaction, after voiding its holds on the escrow.
     */
    @Transactional
    public Outcome chargedBack(
            Provider provider,
            String paymentReference,
            String externalEventId,
            Money amount,
            String reason,
            String payloadJson) {
        return applyToPayment(
                provider, paymentReference, externalEventId, payloadJson, "a lost dispute", (payment, now) -> {
                    if (!payment.status().hasSucceeded()
                            || !amount.currency().equals(payment.amount().currency())
                            || amount.amount() <= 0
                            || amount.amount() > payment.amount().amount()) {
                        log.error(
                                "{} reports a lost dispute of {} over payment {} ({}, {}): not booked, for an admin",
                                provider,
                                amount,
                                payment.id(),
                                payment.status(),
                                payment.amount());
                        store.markFlagged(payment.id(), now);
                        return Outcome.FLAGGED;
                    }
                    store.markChargedBack(payment.id(), now);
                    events.publishEvent(new PaymentChargedBack(
                            payment.id(),
                            payment.purpose(),
                            payment.referenceId(),
                            payment.payerId(),
                            amount,
                            reason,
                            now));
                    log.error(
                            "Payment {} ({} {}) charged back: {} lost ({})",
                            payment.id(),
                            provider,
                            paymentReference,
                            amount,
                            reason);
                    return Outcome.CHARGED_BACK;
                });
    }

    /**
     * The payer's bank decided the dispute for us: the money stays. Nothing moves; the orders a chargeback froze stay
     * DISPUTED for an admin, who now knows the bank's answer (logged, kept in the inbox).
     */
    @Transactional
    public Outcome disputeWon(Provider provider, String paymentReference, String externalEventId, String payloadJson) {
        return applyToPayment(
                provider, paymentReference, externalEventId, payloadJson, "a won dispute", (payment, now) -> {
                    log.warn(
                            "Payment {} ({} {}): the bank decided the dispute for us; its orders wait for an admin",
                            payment.id(),
                            provider,
                            paymentReference);
                    return Outcome.DISPUTE_WON;
                });
    }

    /** The provider definitely did not pay the refund: the held transfer is voided, the money stays in escrow. */
    @Transactional
    public Outcome refundFailed(
            Provider provider, String refundReference, String externalEventId, String reason, String payloadJson) {
        return applyToRefund(
                provider,
                refundReference,
                externalEventId,
                payloadJson,
                "a failed refund",
                (refund, now) -> refundFailed(refund.paymentId(), refund.id(), reason, now)
                        ? Outcome.REFUND_FAILED
                        : Outcome.ALREADY_SETTLED);
    }

    /** A refund the provider refused outright (no callback will come). */
    @Transactional
    public void refundRejected(java.util.UUID paymentId, java.util.UUID refundId, String reason) {
        refundFailed(paymentId, refundId, reason, now());
    }

    private boolean refundFailed(java.util.UUID paymentId, java.util.UUID refundId, String reason, Instant now) {
        store.lock(paymentId).orElseThrow();
        var refund = store.lockRefund(refundId).orElseThrow();
        if (!"PENDING".equals(refund.status())) {
            return false;
        }
        store.refundSettled(refund.id(), "FAILED", reason, now);
        ledger.voidPending(List.of(refundTransferId(refund.id())));
        log.error(
                "Refund {} of payment {} failed: {}; the money stays in {} for an admin",
                refundId,
                paymentId,
                reason,
                refund.source() == RefundSource.SUSPENSE ? "suspense" : "escrow");
        return true;
    }

    static java.util.UUID refundTransferId(java.util.UUID refundId) {
        return Transfer.idFor("refund:" + refundId);
    }

    private void publishFailed(Payment payment, String reason, Instant now) {
        events.publishEvent(new PaymentFailed(
                payment.id(),
                payment.purpose(),
                payment.referenceId(),
                payment.payerId(),
                payment.amount(),
                payment.method(),
                reason,
                now));
    }

    /**
     * Applies a report about the payment the provider knows as {@code paymentReference}: recorded in the inbox first
     * ({@link Outcome#DUPLICATE} when it was already there, and nothing else happens); then the payment is locked and
     * {@code apply} decides the outcome, recorded with the report. A report that matches none of our payments is
     * {@link Outcome#UNKNOWN_PAYMENT}: logged, nothing else changes.
     */
    private Outcome applyToPayment(
            Provider provider,
            String paymentReference,
            String externalEventId,
            String payloadJson,
            String what,
            BiFunction<Payment, Instant, Outcome> apply) {
        return applyTo(
                provider,
                externalEventId,
                payloadJson,
                store::lockByProviderReference,
                paymentReference,
                what + " of",
                "payments",
                apply);
    }

    /**
     * Like {@link #applyToPayment} for a report about a refund, found by the provider's reference (not locked:
     * {@code apply} locks the payment, then the refund).
     */
    private Outcome applyToRefund(
            Provider provider,
            String refundReference,
            String externalEventId,
            String payloadJson,
            String what,
            BiFunction<PaymentStore.Refund, Instant, Outcome> apply) {
        return applyTo(
                provider,
                externalEventId,
                payloadJson,
                store::findRefundByProviderReference,
                refundReference,
                what,
                "refunds",
                apply);
    }

    private <T> Outcome applyTo(
            Provider provider,
            String externalEventId,
            String payloadJson,
            BiFunction<Provider, String, Optional<T>> find,
            String reference,
            String what,
            String ours,
            BiFunction<T, Instant, Outcome> apply) {
        var now = now();
        if (!inbox.receive(provider, externalEventId, payloadJson, now)) {
            return Outcome.DUPLICATE;
        }
        var found = find.apply(provider, reference);
        if (found.isEmpty()) {
            log.warn("{} reports {} {} that matches none of our {}", provider, what, reference, ours);
            return done(provider, externalEventId, Outcome.UNKNOWN_PAYMENT, now);
        }
        return done(provider, externalEventId, apply.apply(found.get(), now), now);
    }

    private Outcome done(Provider provider, String externalEventId, Outcome outcome, Instant now) {
        inbox.processed(provider, externalEventId, outcome.name(), now);
        return outcome;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
