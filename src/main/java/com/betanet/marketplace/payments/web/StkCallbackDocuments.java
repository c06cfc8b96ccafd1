package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.application.InboxDocuments;
import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.mpesa.InvalidMpesaPhoneNumberException;
import com.betanet.marketplace.payments.mpesa.MpesaPhoneNumbers;
import com.betanet.marketplace.payments.mpesa.StkCallback;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Applies the Daraja STK callbacks {@link MpesaCallbackController} recorded. */
@Component
class StkCallbackDocuments implements InboxDocuments {

    static final String KIND = "MPESA_STK";
    private static final Logger log = LoggerFactory.getLogger(StkCallbackDocuments.class);

    private final PaymentSettlement settlement;

    StkCallbackDocuments(PaymentSettlement settlement) {
        this.settlement = settlement;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void apply(String externalId, String payload) {
        var callback = StkCallback.parse(payload);
        var checkoutRequestId = callback.checkoutRequestId();
        var outcome = callback.succeeded()
                ? settlement.succeeded(
                        Provider.MPESA,
                        checkoutRequestId,
                        externalId,
                        Money.of(Objects.requireNonNull(callback.amountCents()), "KES"),
                        payload,
                        payerPhone(callback))
                : settlement.failed(
                        Provider.MPESA,
                        checkoutRequestId,
                        externalId,
                        Objects.requireNonNull(callback.failureReason()),
                        payload);
        log.info("M-Pesa callback {} (ResultCode {}): {}", checkoutRequestId, callback.resultCode(), outcome);
    }

    @Override
    public boolean sameReport(String recorded, String redelivered) {
        return StkCallback.parse(recorded).equals(StkCallback.parse(redelivered));
    }

    private static @Nullable String payerPhone(StkCallback callback) {
        try {
            return callback.phoneNumber() == null ? null : MpesaPhoneNumbers.normalise(callback.phoneNumber());
        } catch (InvalidMpesaPhoneNumberException masked) {
            return null; // e.g. a masked number: the CheckoutRequestID alone must match
        }
    }
}
