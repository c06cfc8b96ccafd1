package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.web.AmountInput;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments as admins oversee them: every payment with its refunds, filtered (the flagged ones — amounts booked to
 * suspense, chargebacks — and refunds stuck PENDING are what needs a person).
 */
@Service
public class AdminPayments {

    /** A payment for an admin: who paid, whether it is flagged, and each of its refunds. */
    public record AdminPaymentView(
            UUID id,
            PaymentPurpose purpose,
            UUID referenceId,
            UUID payerId,
            PaymentMethod method,
            String provider,
            PaymentStatus status,
            Money amount,
            Money refundedAmount,
            Money suspenseAmount,
            boolean flagged,
            boolean chargedBack,
            @Nullable String providerReference,
            @Nullable String failureReason,
            List<RefundView> refunds,
            Instant createdAt,
            Instant updatedAt) {}

    public record RefundView(
            UUID id,
            Money amount,
            String status,
            RefundSource source,
            @Nullable String reason,
            @Nullable String failureReason,
            @Nullable String providerReference,
            Instant createdAt,
            Instant updatedAt) {}

    /** The filters, as the query string gives them. */
    public record Filter(
            @Nullable PaymentStatus status,
            @Nullable Boolean flagged,
            @Nullable PaymentMethod method,
            @Nullable UUID payerId,
            @Nullable UUID referenceId) {}

    /** A cursor remembers its filters: one is refused with others (its position would mean nothing there). */
    record ListCursor(
            @Nullable Filter filter,
            @Nullable Instant createdAt,
            @Nullable UUID id) {}

    private final PaymentStore store;
    private final PaymentsFacade refunds;
    private final CursorCodec cursors;

    AdminPayments(PaymentStore store, PaymentsFacade refunds, CursorCodec cursors) {
        this.store = store;
        this.refunds = refunds;
        this.cursors = cursors;
    }

    /**
     * An admin refunds money of a payment that nothing holds: what its escrow holds free of any hold (what a refund
     * the provider refused left there, or a payment no order took), or else what arrived for it with another amount
     * and was booked to suspense. {@code amount} defaults to all of it. The refund is recorded PENDING with its money
     * held and sent after commit, like any other; money held for a seller (an order not yet cancelled or refunded) is
     * not refundable here — cancel the order or resolve its dispute instead. {@code note} (may be blank) goes into the
     * refund's reason with the admin's id.
     */
    @Transactional
    public AdminPaymentView refund(UUID adminId, UUID paymentId, @Nullable AmountInput amount, String note) {
        var payment = store.lock(paymentId).orElseThrow(PaymentErrors::paymentNotFound);
        var currency = payment.amount().currency();
        var asked = amount == null ? null : amount.in(currency, "amount");
        long fromEscrow = refunds.refundableNow(payment);
        long fromSuspense = fromEscrow > 0 ? 0 : refunds.refundableFromSuspense(payment);
        if (fromEscrow == 0 && fromSuspense == 0) {
            throw PaymentErrors.nothingToRefund(nothingToRefund(payment));
        }
        long refundable = Math.max(fromEscrow, fromSuspense);
        if (asked != null && asked.amount() > refundable) {
            throw PaymentErrors.refundTooLarge(refundable, currency);
        }
        var refund = asked != null ? asked : Money.of(refundable, currency);
        var reason = "Refunded by an admin (" + adminId + ")" + (note.isBlank() ? "" : ": " + note);
        var source = fromEscrow > 0 ? RefundSource.ESCROW : RefundSource.SUSPENSE;
        refunds.refund(payment, source, "admin:" + Ids.newId(), refund, reason);
        return view(paymentId);
    }

    private static String nothingToRefund(Payment payment) {
        if (payment.suspenseAmount() > 0) {
            return "What arrived for this payment with another amount is refunded already, or being refunded";
        }
        if (!payment.status().hasSucceeded()) {
            return "The payment is " + payment.status() + ": no money of it was received";
        }
        return "Nothing of this payment is free in its escrow: it is refunded already, or held for its orders";
    }

    /** Payments matching {@code filter}, newest first. */
    @Transactional(readOnly = true)
    public Page<AdminPaymentView> list(Filter filter, PageRequest page) {
        var after = cursors.decodeFor(
                page.cursor(),
                ListCursor.class,
                position -> filter.equals(position.filter()) && position.createdAt() != null && position.id() != null);
        var rows = store.list(
                filter, after == null ? null : after.createdAt(), after == null ? null : after.id(), page.fetchSize());
        var rowPage = Page.of(
                rows,
                page.limit(),
                payment -> cursors.encode(new ListCursor(filter, payment.createdAt(), payment.id())));
        return new Page<>(views(rowPage.items()), rowPage.nextCursor());
    }

    /** One payment with its refunds; 404 when there is none. */
    @Transactional(readOnly = true)
    public AdminPaymentView view(UUID paymentId) {
        return views(List.of(store.find(paymentId).orElseThrow(PaymentErrors::paymentNotFound)))
                .get(0);
    }

    private List<AdminPaymentView> views(List<Payment> payments) {
        var refunds = store.refundsOf(payments.stream().map(Payment::id).toList());
        return payments.stream()
                .map(payment -> new AdminPaymentView(
                        payment.id(),
                        payment.purpose(),
                        payment.referenceId(),
                        payment.payerId(),
                        payment.method(),
                        payment.provider().name(),
                        payment.status(),
                        payment.amount(),
                        Money.of(payment.refundedAmount(), payment.amount().currency()),
                        Money.of(payment.suspenseAmount(), payment.amount().currency()),
                        payment.flagged(),
                        payment.chargedBack(),
                        payment.providerReference(),
                        payment.failureReason(),
                        refunds.getOrDefault(payment.id(), List.of()),
                        payment.createdAt(),
                        payment.updatedAt()))
                .toList();
    }
}
