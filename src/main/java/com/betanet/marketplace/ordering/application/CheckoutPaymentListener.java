package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.PaymentSucceeded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A checkout's payment succeeded: the checkout becomes PAID and its orders CONFIRMED, with no call from the buyer. */
@Component
class CheckoutPaymentListener {

    private final OrderService orders;

    CheckoutPaymentListener(OrderService orders) {
        this.orders = orders;
    }

    @ApplicationModuleListener
    void on(PaymentSucceeded payment) {
        if (payment.purpose() == PaymentPurpose.CHECKOUT) {
            orders.checkoutPaid(payment);
        }
    }
}
