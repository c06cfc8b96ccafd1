package com.betanet.marketplace.realtime.delivery;

import com.betanet.marketplace.payments.PaymentFailed;
import com.betanet.marketplace.payments.PaymentRefunded;
import com.betanet.marketplace.payments.PaymentSucceeded;
import com.betanet.marketplace.payments.PayoutSettled;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Tells payers about their payments, and users about their payouts, on {@code /user/queue/notifications}, after the payment's change committed (from
 * the outbox, so a frame that fails to send is retried by {@link FailedFrameResubmission}). The orders a payment
 * confirms reach buyer and seller as {@code ORDER_STATUS_CHANGED} frames of their own.
 */
@Component
class PaymentNotifications {

    private final UserNotifications notifications;

    PaymentNotifications(UserNotifications notifications) {
        this.notifications = notifications;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentSucceeded event) {
        notifications.send(event.payerId(), PaymentFrame.of(event));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentFailed event) {
        notifications.send(event.payerId(), PaymentFrame.of(event));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PaymentRefunded event) {
        notifications.send(event.payerId(), PaymentFrame.of(event));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PayoutSettled event) {
        notifications.send(event.userId(), PayoutFrame.of(event));
    }
}
