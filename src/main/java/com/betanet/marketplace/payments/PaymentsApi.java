package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** What other modules may ask of payments. */
public interface PaymentsApi {

    /** Whether a payment of the reference is PENDING at the provider (its outcome is not known yet). */
    boolean hasPendingPayment(PaymentPurpose purpose, UUID referenceId);

    /** Of {@code referenceIds}, those with a PENDING payment (one query, for jobs). */
    Set<UUID> withPendingPayment(PaymentPurpose purpose, Collection<UUID> referenceIds);

    /**
     * Records a refund of {@code amount} of a succeeded payment, in the caller's transaction: the refund's ledger
     * transfer (the reference's escrow → the provider's clearing account) is held now, posted when the provider
     * confirms, voided if it definitely fails. The provider is called after the caller's transaction commits (outbox),
     * never inside it. The same {@code refundKey} for the same payment records one refund only and returns its id.
     *
     * @throws IllegalStateException when the payment did not succeed or the amount exceeds what is left to refund
     */
    UUID refund(UUID paymentId, String refundKey, Money amount, String reason);

    /**
     * The reference does not take this succeeded payment (its checkout was paid by another payment, had expired, or
     * its total changed while it was being paid): it no longer counts as paying the reference, which can be paid
     * again, and is refunded in full like {@link #refund(UUID, String, Money, String)}. In the caller's transaction.
     */
    UUID decline(UUID paymentId, String refundKey, Money amount, String reason);

    /**
     * Locks the payment row in the caller's transaction, for a caller that moves money in the ledger before
     * {@link #refund(UUID, String, Money, String)}: the settlement of a refund takes the payment first and the
     * ledger accounts after, so a refund that funded the escrow first and asked for the payment second could deadlock
     * with it.
     */
    void lockForRefund(UUID paymentId);

    /**
     * Like {@link #refund(UUID, String, Money, String)} for the reference's succeeded payment (the first one, if it
     * was paid twice).
     */
    UUID refund(PaymentPurpose purpose, UUID referenceId, String refundKey, Money amount, String reason);

    /**
     * Books a lost chargeback of a succeeded payment in the caller's transaction (after the reference's holds on the
     * escrow were voided): {@code amount} leaves the provider's clearing account, taken from the reference's escrow as
     * far as it still holds money, the rest from the platform's own account (the platform's loss). Transfer ids derive
     * from the payment, so a second call books nothing.
     */
    void bookChargeback(UUID paymentId, Money amount);
}
