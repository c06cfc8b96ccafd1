package com.betanet.marketplace.realtime.delivery;

import com.betanet.marketplace.payments.PayoutSettled;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A {@code /user/queue/notifications} frame about the end of one of the user's payouts: {@code PAYOUT_SUCCEEDED} or
 * {@code PAYOUT_FAILED} (the money is back in the wallet). {@code eventId} is derived from the type and the payout.
 */
public record PayoutFrame(
        String type,
        UUID eventId,
        UUID payoutId,
        PaymentFrame.Amount amount,
        @Nullable String reason,
        Instant at) {

    public static final String SUCCEEDED = "PAYOUT_SUCCEEDED";
    public static final String FAILED = "PAYOUT_FAILED";

    static PayoutFrame of(PayoutSettled event) {
        var type = event.succeeded() ? SUCCEEDED : FAILED;
        return new PayoutFrame(
                type,
                PaymentFrame.eventId(type, event.payoutId()),
                event.payoutId(),
                PaymentFrame.Amount.of(event.amount()),
                event.reason(),
                event.at());
    }
}
