package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.payments.PaymentChargedBack;
import com.betanet.marketplace.payments.PaymentDisputed;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.PaymentSucceeded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What the payments of checkouts do to their orders: a success makes the checkout PAID and its orders CONFIRMED, with
 * no call from the buyer; a chargeback freezes the orders whose money is still in escrow, and a lost one refunds them.
 */
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

    @ApplicationModuleListener
    void on(PaymentDisputed dispute) {
        if (dispute.purpose() == PaymentPurpose.CHECKOUT) {
            orders.checkoutPaymentDisputed(dispute);
        }
    }

    @ApplicationModuleListener
    void on(PaymentChargedBack chargeback) {
        if (chargeback.purpose() == PaymentPurpose.CHECKOUT) {
            orders.checkoutChargedBack(chargeback);
        }
    }
}
