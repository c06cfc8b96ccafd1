package com.betanet.marketplace.payments.mpesa;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The result of an STK push as Daraja posts it to the callback URL ({@code {"Body": {"stkCallback": {…}}}}). On
 * success {@code CallbackMetadata} carries the amount, receipt, date and phone; failures (cancelled, timed out, wrong
 * PIN, insufficient balance…) carry no metadata.
 *
 * @param amountCents the amount paid in KES cents (Daraja sends shillings, {@code 1} or {@code 1.00}); null on failure
 * @param receiptNumber M-Pesa's receipt ({@code MpesaReceiptNumber}); null on failure
 * @param transactionTime when M-Pesa completed it ({@code TransactionDate}, Nairobi time); null when absent or unreadable
 * @param phoneNumber the paying MSISDN ({@code 2547…}); null when absent
 */
public record StkCallback(
        String merchantRequestId,
        String checkoutRequestId,
        int resultCode,
        String resultDesc,
        @Nullable Long amountCents,
        @Nullable String receiptNumber,
        @Nullable Instant transactionTime,
        @Nullable String phoneNumber) {

    private static final String WHAT = "STK callback";
    private static final DateTimeFormatter DARAJA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ZoneId NAIROBI = ZoneId.of("Africa/Nairobi");

    /**
     * @throws MpesaCallbackParseException when the body is not an STK callback, or claims success without the amount
     *     and receipt that a success must carry
     */
    public static StkCallback parse(@Nullable String body) {
        var callback = DarajaJson.parse(body, WHAT).path("Body").path("stkCallback");
        if (!callback.isObject()) {
            throw new MpesaCallbackParseException(WHAT + ": Body.stkCallback is missing");
        }
        var resultCode = DarajaJson.integer(callback, "ResultCode", WHAT);
        if (resultCode == null) {
            throw new MpesaCallbackParseException(WHAT + ": ResultCode is missing");
        }
        var resultDesc = DarajaJson.text(callback.path("ResultDesc"));
        var items = DarajaJson.keyValues(callback.path("CallbackMetadata").path("Item"), "Name", "Value", WHAT);
        var amount = items.containsKey("Amount") ? DarajaJson.shillingsAsCents(items.get("Amount"), WHAT) : null;
        var receipt = items.containsKey("MpesaReceiptNumber") ? DarajaJson.text(items.get("MpesaReceiptNumber")) : null;
        var date = items.containsKey("TransactionDate") ? DarajaJson.text(items.get("TransactionDate")) : null;
        var phone = items.containsKey("PhoneNumber") ? DarajaJson.text(items.get("PhoneNumber")) : null;
        if (resultCode == StkResultCodes.SUCCESS && (amount == null || receipt == null)) {
            throw new MpesaCallbackParseException(WHAT + ": a successful result without Amount or MpesaReceiptNumber");
        }
        return new StkCallback(
                DarajaJson.requiredText(callback, "MerchantRequestID", WHAT),
                DarajaJson.requiredText(callback, "CheckoutRequestID", WHAT),
                resultCode,
                resultDesc == null ? "" : resultDesc,
                amount,
                receipt,
                nairobiTime(date),
                phone);
    }

    public boolean succeeded() {
        return resultCode == StkResultCodes.SUCCESS;
    }

    /** Why the payment failed, in words for the payer; null when it succeeded. */
    public @Nullable String failureReason() {
        return succeeded() ? null : StkResultCodes.reason(resultCode, resultDesc);
    }

    private static @Nullable Instant nairobiTime(@Nullable String yyyyMMddHHmmss) {
        if (yyyyMMddHHmmss == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(yyyyMMddHHmmss, DARAJA_TIME)
                    .atZone(NAIROBI)
                    .toInstant();
        } catch (DateTimeParseException unreadable) {
            return null; // informative only: the receipt and amount are what settle the payment
        }
    }
}
