package com.betanet.marketplace.payments.mpesa;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.provider.PaymentProvider;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.payments.provider.ProviderUnavailableException;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * M-Pesa Express (STK push) through Daraja. A payment starts with a push to the payer's phone; its CheckoutRequestID
 * is the payment's provider reference, and Daraja's callback ({@code MpesaCallbackController}) or an STK query
 * settles it.
 *
 * <p>A push that got no definite answer is never sent again (the payer could be prompted, and charged, twice): the
 * payment stays PENDING without a reference. Its callback still finds it, by phone and amount; without the
 * CheckoutRequestID Daraja cannot be queried, so if no callback comes the reconciliation job fails it after a while.
 */
@Component
@Conditional(MpesaConfigured.class)
class MpesaProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(MpesaProvider.class);
    static final String DESCRIPTION = "Betanet order";

    private final DarajaClient daraja;
    private final MpesaProperties properties;
    private final String publicBaseUrl;
    private final ObjectProvider<MpesaRefunds> refunds;

    MpesaProvider(
            DarajaClient daraja,
            MpesaProperties properties,
            @Value("${marketplace.public-base-url}") String publicBaseUrl,
            ObjectProvider<MpesaRefunds> refunds) {
        this.daraja = daraja;
        this.properties = properties;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.refunds = refunds;
    }

    @Override
    public Provider provider() {
        return Provider.MPESA;
    }

    @Override
    public StartResult start(PaymentRequest payment) {
        if (payment.phoneNumber() == null) {
            return new StartResult.Rejected("An M-Pesa payment needs a phone number");
        }
        if (PaymentMethod.MPESA.cannotMove(payment.amount().amount()) != 0) {
            // PaymentService refuses these before; a bug must not round someone's money
            throw new IllegalStateException("M-Pesa takes whole shillings only: " + payment.amount());
        }
        try {
            var accepted = daraja.stkPush(
                    payment.phoneNumber(),
                    payment.amount().amount() / 100,
                    accountReference(payment),
                    DESCRIPTION,
                    callbackUrl());
            log.info("STK push for payment {} accepted as {}", payment.paymentId(), accepted.checkoutRequestId());
            return new StartResult.Started(accepted.checkoutRequestId(), null, false);
        } catch (ProviderUnavailableException unavailable) {
            // certainly not sent: the payer may simply try again
            return new StartResult.Rejected("M-Pesa could not be reached; please try again in a moment");
        } catch (ProviderRefusedException refused) {
            return new StartResult.Rejected("M-Pesa refused the payment request: " + refused.getMessage());
        } catch (ProviderOutcomeUnknownException unknown) {
            return new StartResult.Unknown(unknown.getMessage());
        }
    }

    @Override
    public ProviderStatus status(PaymentRequest payment, @Nullable String checkoutRequestId) {
        if (checkoutRequestId == null) {
            // Daraja's STK query needs the CheckoutRequestID, which the unanswered push never gave us
            return new ProviderStatus.Pending();
        }
        StkQueryResult result;
        try {
            result = daraja.stkQuery(checkoutRequestId);
        } catch (ProviderOutcomeUnknownException | ProviderRefusedException noAnswer) {
            log.warn(
                    "STK query of {} (payment {}) failed: {}",
                    checkoutRequestId,
                    payment.paymentId(),
                    noAnswer.getMessage());
            return new ProviderStatus.Pending();
        }
        // the query's observation is an inbox entry of its own: a later callback is still applied (a success after
        // a failure the query reported counts; a success reported twice is ALREADY_SUCCEEDED)
        var eventId = "stkquery:" + checkoutRequestId;
        return switch (result.status()) {
            case PENDING -> new ProviderStatus.Pending();
            // the query carries no amount; an STK push is paid for exactly the amount it asked
            case SUCCEEDED -> new ProviderStatus.Succeeded(payment.amount(), eventId, json(checkoutRequestId, result));
            case FAILED -> new ProviderStatus.Failed(java.util.Objects.requireNonNull(result.failureReason()), eventId);
        };
    }

    @Override
    public RefundResult refund(RefundRequest refund) {
        var sender = refunds.getIfAvailable();
        if (sender == null) {
            log.error(
                    "Refund {} of M-Pesa payment {} cannot be sent: M-Pesa refunds (B2C) are not available",
                    refund.refundId(),
                    refund.paymentId());
            return new RefundResult.Rejected("M-Pesa refunds are not available; an admin must pay this back");
        }
        return sender.send(refund);
    }

    @Override
    public RefundCheck checkRefund(RefundRequest refund, @Nullable String providerReference) {
        var sender = refunds.getIfAvailable();
        return sender == null
                ? new RefundCheck.Unknown("M-Pesa refunds (B2C) are not available")
                : sender.check(refund);
    }

    String callbackUrl() {
        return publicBaseUrl + "/api/v1/webhooks/mpesa/" + properties.callbackSecret();
    }

    /** Shown to the payer on the phone with the business name; Daraja takes at most 12 characters. */
    static String accountReference(PaymentRequest payment) {
        var id = payment.paymentId().toString().replace("-", "");
        // the random end of the UUIDv7, not its timestamp start
        return "BN" + id.substring(id.length() - 10).toUpperCase(Locale.ROOT);
    }

    private static String json(String checkoutRequestId, StkQueryResult result) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("source", "stk-query");
        payload.put("CheckoutRequestID", checkoutRequestId);
        payload.put("ResultCode", result.resultCode());
        payload.put("ResultDesc", result.resultDesc());
        return DarajaJson.MAPPER.writeValueAsString(payload);
    }
}
