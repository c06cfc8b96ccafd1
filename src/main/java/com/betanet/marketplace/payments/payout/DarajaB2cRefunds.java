package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.mpesa.DarajaClient;
import com.betanet.marketplace.payments.mpesa.MpesaProperties;
import com.betanet.marketplace.payments.mpesa.MpesaRefunds;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundCheck;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundRequest;
import com.betanet.marketplace.payments.provider.PaymentProvider.RefundResult;
import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.payments.provider.ProviderUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Pays an M-Pesa refund back to the payer's phone with a B2C payment, the same request as a payout: its
 * OriginatorConversationID is the refund's id, and its result comes back through {@link PayoutCallbacks}, which hands
 * results that match no payout to the refunds.
 */
@Component
class DarajaB2cRefunds implements MpesaRefunds {

    private static final Logger log = LoggerFactory.getLogger(DarajaB2cRefunds.class);

    private final DarajaClient daraja;
    private final MpesaProperties mpesa;
    private final B2cCallbackUrls urls;

    DarajaB2cRefunds(DarajaClient daraja, MpesaProperties mpesa, B2cCallbackUrls urls) {
        this.daraja = daraja;
        this.mpesa = mpesa;
        this.urls = urls;
    }

    @Override
    public RefundResult send(RefundRequest refund) {
        if (!mpesa.b2cConfigured() || mpesa.callbackSecret().isBlank()) {
            return new RefundResult.Rejected("M-Pesa refunds need B2C: MARKETPLACE_MPESA_B2C_* are not set");
        }
        if (refund.phoneNumber() == null) {
            return new RefundResult.Rejected("The payment has no phone number to pay the refund to");
        }
        if (PaymentMethod.MPESA.cannotMove(refund.amount().amount()) != 0) {
            return new RefundResult.Rejected("M-Pesa pays whole shillings only, not " + refund.amount());
        }
        var originatorId = refund.refundId().toString();
        try {
            daraja.b2c(
                    originatorId,
                    refund.phoneNumber(),
                    refund.amount().amount() / 100,
                    "Betanet refund",
                    "refund " + refund.paymentId(),
                    urls.result(),
                    urls.timeout());
            return new RefundResult.Accepted(originatorId);
        } catch (ProviderRefusedException refused) {
            return new RefundResult.Rejected(refused.getMessage());
        } catch (ProviderUnavailableException unavailable) {
            // caught before its superclass: the request surely never reached Daraja
            return new RefundResult.Unavailable(unavailable.getMessage());
        } catch (ProviderOutcomeUnknownException unknown) {
            // never re-sent blindly: its result callback or the refund status job's query settles it
            return new RefundResult.Unknown(unknown.getMessage());
        }
    }

    @Override
    public RefundCheck check(RefundRequest refund) {
        return askStatus(refund.refundId().toString());
    }

    /**
     * A refund's B2C payment timed out in Daraja's queue: ask how it ended; the answer is a status result. No
     * transaction: a slow Daraja must not hold a pooled connection.
     */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(RefundStatusQueryRequested requested) {
        askStatus(requested.refundReference());
    }

    private RefundCheck askStatus(String originatorConversationId) {
        try {
            daraja.transactionStatusByOriginatorConversationId(
                    originatorConversationId, originatorConversationId, urls.statusResult(), urls.statusTimeout());
            return new RefundCheck.Asked();
        } catch (ProviderRefusedException | ProviderOutcomeUnknownException notAsked) {
            // the refund stays pending; the refund status job asks again, and a late result callback still settles it
            log.warn("Could not ask M-Pesa about refund {}: {}", originatorConversationId, notAsked.getMessage());
            return new RefundCheck.Unknown(notAsked.getMessage());
        }
    }
}
