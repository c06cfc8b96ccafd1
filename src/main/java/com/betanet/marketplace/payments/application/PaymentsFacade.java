package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.PaymentsApi;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** {@link PaymentsApi} for the modules that sell: pending payments and refunds. */
@Service
class PaymentsFacade implements PaymentsApi {

    private static final Logger log = LoggerFactory.getLogger(PaymentsFacade.class);

    private final PaymentStore store;
    private final Ledger ledger;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration refundRetryAfter;

    PaymentsFacade(
            PaymentStore store,
            Ledger ledger,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${marketplace.payments.refunds.retry-after}") String refundRetryAfter) {
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.refundRetryAfter = DurationStyle.detectAndParse(refundRetryAfter);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasPendingPayment(PaymentPurpose purpose, UUID referenceId) {
        return store.hasPending(purpose, referenceId);
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> withPendingPayment(PaymentPurpose purpose, Collection<UUID> referenceIds) {
        return store.withPending(purpose, referenceIds);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID refund(PaymentPurpose purpose, UUID referenceId, String refundKey, Money amount, String reason) {
        var payment = store.lockSucceeded(purpose, referenceId)
                .orElseThrow(() -> new IllegalStateException(
                        "No succeeded payment of " + purpose + " " + referenceId + " to refund"));
        return refund(payment, RefundSource.ESCROW, refundKey, amount, reason);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID refund(UUID paymentId, String refundKey, Money amount, String reason) {
        var payment = store.lock(paymentId)
                .orElseThrow(() -> new IllegalStateException("No payment " + paymentId + " to refund"));
        return refund(payment, RefundSource.ESCROW, refundKey, amount, reason);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID decline(UUID paymentId, String refundKey, Money amount, String reason) {
        var payment = store.lock(paymentId)
                .orElseThrow(() -> new IllegalStateException("No payment " + paymentId + " to decline"));
        store.markDeclined(payment.id(), clock.instant());
        return refund(payment, RefundSource.ESCROW, refundKey, amount, reason);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockForRefund(UUID paymentId) {
        store.lock(paymentId).orElseThrow(() -> new IllegalStateException("No payment " + paymentId + " to refund"));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void bookChargeback(UUID paymentId, Money amount) {
        var payment = store.lock(paymentId)
                .orElseThrow(() -> new IllegalStateException("No payment " + paymentId + " was charged back"));
        var fromEscrowId = chargebackTransferId(payment.id(), "escrow");
        var fromPlatformId = chargebackTransferId(payment.id(), "platform");
        if (ledger.state(fromEscrowId).isPresent()
                || ledger.state(fromPlatformId).isPresent()) {
            return; // booked already: a re-delivered event
        }
        if (!amount.currency().equals(payment.amount().currency()) || amount.amount() <= 0) {
            throw new IllegalStateException("A chargeback of " + amount + " does not fit payment " + payment.id());
        }
        var left =
                ledger.balance(payment.escrow(), amount.currency()).available().amount();
        var fromEscrow = Math.min(left, amount.amount());
        var description = "Chargeback of payment " + payment.id() + " (the payer's bank took it back)";
        var transfers = new ArrayList<Transfer>();
        if (fromEscrow > 0) {
            transfers.add(new Transfer(
                    fromEscrowId,
                    payment.escrow(),
                    payment.clearing(),
                    Money.of(fromEscrow, amount.currency()),
                    "CHARGEBACK",
                    "PAYMENT",
                    payment.id(),
                    description));
        }
        if (fromEscrow < amount.amount()) {
            transfers.add(new Transfer(
                    fromPlatformId,
                    AccountKey.platform(),
                    payment.clearing(),
                    Money.of(amount.amount() - fromEscrow, amount.currency()),
                    "CHARGEBACK",
                    "PAYMENT",
                    payment.id(),
                    description + "; the escrow no longer held it: the platform's loss"));
            log.error(
                    "Chargeback of payment {}: {} of {} paid by the platform (the escrow held {})",
                    payment.id(),
                    amount.amount() - fromEscrow,
                    amount,
                    fromEscrow);
        }
        ledger.post(transfers);
        log.warn("Chargeback of {} of payment {} booked", amount, payment.id());
    }

    static UUID chargebackTransferId(UUID paymentId, String from) {
        return Transfer.idFor("chargeback-" + from + ":" + paymentId);
    }

    /**
     * What of a succeeded payment can be refunded out of its escrow now: what is left of it to refund, as far as the
     * escrow holds money no order or refund has a hold on (a seller's held share is never refunded from here).
     */
    long refundableNow(Payment payment) {
        if (!payment.status().hasSucceeded() || payment.chargedBack()) {
            return 0;
        }
        long left = payment.amount().amount() - store.refundsNotFailed(payment.id(), RefundSource.ESCROW);
        long free = ledger.balance(payment.escrow(), payment.amount().currency())
                .available()
                .amount();
        return Math.max(0, Math.min(left, free));
    }

    /** What of the money that arrived for a payment with another amount is still in suspense, not asked back. */
    long refundableFromSuspense(Payment payment) {
        return Math.max(0, payment.suspenseAmount() - store.refundsNotFailed(payment.id(), RefundSource.SUSPENSE));
    }

    /**
     * M-Pesa sends whole shillings only (a B2C of KES 10.50 is refused, and the refund would stay stuck in escrow): the
     * part of a refund under one shilling goes to the payer's wallet at once, as a refund of its own that succeeded
     * when it was made. The rest goes back by M-Pesa as usual.
     */
    private UUID refundCentsToWallet(
            Payment payment, RefundSource source, String refundKey, Money cents, String reason, Instant now) {
        var note = reason + " (the part under one shilling, which M-Pesa cannot send, is in your wallet)";
        var refund = new PaymentStore.Refund(
                Ids.newId(), payment.id(), refundKey + ":cents", cents, "SUCCEEDED", note, null, source);
        store.insertRefund(refund, now, now);
        ledger.post(new Transfer(
                PaymentSettlement.refundTransferId(refund.id()),
                source == RefundSource.ESCROW ? payment.escrow() : AccountKey.suspense(),
                AccountKey.wallet(payment.payerId()),
                cents,
                "REFUND",
                "PAYMENT",
                payment.id(),
                note));
        if (source == RefundSource.ESCROW) {
            PaymentSettlement.refundedOnPayment(store, events, payment, refund.id(), cents, now);
        }
        log.info(
                "Refund {} of {} of M-Pesa payment {} credited to the payer's wallet",
                refund.id(),
                cents,
                payment.id());
        return refund.id();
    }

    /**
     * Refunds {@code amount} of a payment from {@code source}: out of the escrow of a succeeded payment, or out of
     * what arrived for it with another amount and was booked to suspense. Records a PENDING refund and holds its money
     * in the source until the provider confirms it: the money leaves only when it has really gone back. It is sent
     * right after commit ({@link RefundRequested}); should that not happen, the refund status job sends it later. A
     * refund key used before returns that refund.
     */
    UUID refund(Payment payment, RefundSource source, String refundKey, Money requested, String reason) {
        var amount = requested;
        var existing = store.findRefund(payment.id(), refundKey);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        long left;
        if (source == RefundSource.ESCROW) {
            if (!payment.status().hasSucceeded()) {
                throw new IllegalStateException(
                        "Payment " + payment.id() + " is " + payment.status() + ", not refundable");
            }
            if (payment.chargedBack()) {
                throw PaymentErrors.chargedBack();
            }
            left = payment.amount().amount() - store.refundsNotFailed(payment.id(), RefundSource.ESCROW);
        } else {
            left = refundableFromSuspense(payment);
        }
        if (!amount.currency().equals(payment.amount().currency()) || amount.amount() > left) {
            throw new IllegalStateException("Cannot refund " + amount + " of payment " + payment.id() + " from "
                    + source + ": " + left + " left to refund");
        }
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long unmovable = payment.method().cannotMove(amount.amount());
        if (unmovable != 0) {
            var cents = Money.of(unmovable, amount.currency());
            var centsRefund = refundCentsToWallet(payment, source, refundKey, cents, reason, now);
            amount = amount.minus(cents);
            if (amount.amount() == 0) {
                return centsRefund;
            }
        }
        var refund =
                new PaymentStore.Refund(Ids.newId(), payment.id(), refundKey, amount, "PENDING", reason, null, source);
        store.insertRefund(refund, now, now.plus(refundRetryAfter));
        ledger.hold(new Transfer(
                PaymentSettlement.refundTransferId(refund.id()),
                source == RefundSource.ESCROW ? payment.escrow() : AccountKey.suspense(),
                payment.clearing(),
                amount,
                "REFUND",
                "PAYMENT",
                payment.id(),
                reason));
        events.publishEvent(new RefundRequested(refund.id(), payment.id()));
        log.info(
                "Refund {} of {} from {} recorded for payment {} ({})",
                refund.id(),
                amount,
                source,
                payment.id(),
                refundKey);
        return refund.id();
    }
}
