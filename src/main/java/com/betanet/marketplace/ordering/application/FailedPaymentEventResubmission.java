package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.payments.PaymentChargedBack;
import com.betanet.marketplace.payments.PaymentDisputed;
import com.betanet.marketplace.payments.PaymentSucceeded;
import com.betanet.marketplace.shared.FailedPublications;
import java.time.Duration;
import java.util.List;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands failed publications of the payment events ordering acts on ({@link CheckoutPaymentListener}: a paid checkout
 * confirmed, a disputed or charged-back one frozen or refunded) back to their listeners every
 * {@code marketplace.ordering.jobs-every}, once they are a few seconds old: a listener that failed (database
 * connection cut, say), or whose node died while it ran (marked failed by the staleness check after
 * {@code spring.modulith.events.staleness.processing}), runs again instead of waiting for a restart. Resubmission
 * claims each publication, so nodes do not double it; the listener is idempotent anyway.
 */
@Component
class FailedPaymentEventResubmission {

    private static final List<Class<?>> EVENTS =
            List.of(PaymentSucceeded.class, PaymentDisputed.class, PaymentChargedBack.class);

    private final FailedPublications failed;

    FailedPaymentEventResubmission(FailedEventPublications failed) {
        this.failed = new FailedPublications(failed, Duration.ofSeconds(10), EVENTS);
    }

    @Scheduled(
            initialDelayString = "${marketplace.ordering.jobs-every}",
            fixedDelayString = "${marketplace.ordering.jobs-every}")
    void resubmitFailedPaymentEvents() {
        failed.resubmit();
    }
}
