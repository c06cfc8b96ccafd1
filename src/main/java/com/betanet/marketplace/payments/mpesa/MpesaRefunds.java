package com.betanet.marketplace.payments.mpesa;

import com.betanet.marketplace.payments.provider.PaymentProvider.RefundCheck;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundRequest;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundResult;

/**
 * Pays an M-Pesa refund back to the payer (B2C to {@link RefundRequest#phoneNumber()}). M-Pesa has no refund of an
 * STK payment, so this is a B2C payment, implemented with the payouts; {@link MpesaProvider} delegates to the bean
 * when there is one. Its result callback settles the refund through {@code PaymentSettlement.refundSucceeded} /
 * {@code refundFailed} with the provider reference returned in {@link RefundResult.Accepted}.
 */
public interface MpesaRefunds {

    /** Sends the B2C payment, outside any transaction; the refund id is the OriginatorConversationID. */
    RefundResult send(RefundRequest refund);

    /**
     * Asks Daraja how the refund's B2C payment ended (Transaction Status by its OriginatorConversationID); the answer
     * comes back as a status result. Never {@link RefundCheck.NotFound}: Daraja cannot prove a payment was never
     * received, so an M-Pesa refund is never sent twice.
     */
    RefundCheck check(RefundRequest refund);
}
