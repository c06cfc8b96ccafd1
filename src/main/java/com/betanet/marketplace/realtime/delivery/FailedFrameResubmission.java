package com.betanet.marketplace.realtime.delivery;

import com.betanet.marketplace.identity.UserSuspended;
import com.betanet.marketplace.ordering.OrderStatusChanged;
import com.betanet.marketplace.payments.PaymentFailed;
import com.betanet.marketplace.payments.PaymentRefunded;
import com.betanet.marketplace.payments.PaymentSucceeded;
import com.betanet.marketplace.payments.PayoutSettled;
import com.betanet.marketplace.shared.FailedPublications;
import java.time.Duration;
import java.util.List;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands failed publications of the events this module turns into frames (or session endings) back to their
 * listeners, every
 * {@code marketplace.realtime.retry-every} (10 s): a frame that could not be sent (broker relay down) is sent once
 * the failure clears. Resubmission claims each publication, so several nodes running this do not double it; a frame
 * that is sent twice anyway carries the same {@code eventId}. The filter is by event type, so another module's failed
 * listener of the same event is retried too (which it wants as well).
 */
@Component
public class FailedFrameResubmission {

    private static final List<Class<?>> EVENTS = List.of(
            OrderStatusChanged.class,
            UserSuspended.class,
            PaymentSucceeded.class,
            PaymentFailed.class,
            PaymentRefunded.class,
            PayoutSettled.class);

    private final FailedPublications failed;

    FailedFrameResubmission(FailedEventPublications failed) {
        this.failed = new FailedPublications(failed, Duration.ZERO, EVENTS);
    }

    @Scheduled(
            initialDelayString = "${marketplace.realtime.retry-every}",
            fixedDelayString = "${marketplace.realtime.retry-every}")
    public void resubmitFailedFrames() {
        failed.resubmit();
    }
}
