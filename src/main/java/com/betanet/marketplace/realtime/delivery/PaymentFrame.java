package com.betanet.marketplace.realtime.delivery;

import com.betanet.marketplace.payments.PaymentFailed;
import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.PaymentRefunded;
import com.betanet.marketplace.payments.PaymentSucceeded;
import com.betanet.marketplace.shared.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@code /user/queue/notifications} frame about one of the user's payments: {@code PAYMENT_SUCCEEDED},
 * {@code PAYMENT_FAILED} or {@code REFUND_ISSUED}. {@code eventId} is derived from the type and the payment (and the
 * refund), so a re-delivered event carries the same id.
 */
public record PaymentFrame(
        String type,
        UUID eventId,
        UUID paymentId,
        PaymentPurpose purpose,
        UUID referenceId,
        @Nullable PaymentMethod method,
        Amount amount,
        @Nullable UUID refundId,
        @Nullable String reason,
        Instant at) {

    public static final String SUCCEEDED = "PAYMENT_SUCCEEDED";
    public static final String FAILED = "PAYMENT_FAILED";
    public static final String REFUND_ISSUED = "REFUND_ISSUED";

    /** The contract's Money ({@code shared.Money} would add a {@code negative} property). */
    public record Amount(long amount, String currency) {
        static Amount of(Money money) {
            return new Amount(money.amount(), money.currency());
        }
    }

    static PaymentFrame of(PaymentSucceeded event) {
        return new PaymentFrame(
                SUCCEEDED,
                eventId(SUCCEEDED, event.paymentId()),
                event.paymentId(),
                event.purpose(),
                event.referenceId(),
                event.method(),
                Amount.of(event.amount()),
                null,
                null,
                event.at());
    }

    static PaymentFrame of(PaymentFailed event) {
        return new PaymentFrame(
                FAILED,
                eventId(FAILED, event.paymentId()),
                event.paymentId(),
                event.purpose(),
                event.referenceId(),
                event.method(),
                Amount.of(event.amount()),
                null,
                event.reason(),
                event.at());
    }

    static PaymentFrame of(PaymentRefunded event) {
        return new PaymentFrame(
                REFUND_ISSUED,
                eventId(REFUND_ISSUED, event.refundId()),
                event.paymentId(),
                event.purpose(),
                event.referenceId(),
                event.method(),
                Amount.of(event.amount()),
                event.refundId(),
                null,
                event.at());
    }

    /** A name-based UUID of the frame type and the payment (or refund) it is about: the same on every delivery. */
    public static UUID eventId(String type, UUID subject) {
        return UUID.nameUUIDFromBytes((type + ":" + subject).getBytes(StandardCharsets.UTF_8));
    }
}
