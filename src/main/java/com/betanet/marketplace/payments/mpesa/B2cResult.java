package com.betanet.marketplace.payments.mpesa;

import org.jspecify.annotations.Nullable;

/**
 * The result of a B2C payment as Daraja posts it to the ResultURL. {@code ResultCode} 0 means the money reached the
 * recipient; any other code is a definite failure of that payment (e.g. 2001 invalid initiator, 2040 recipient not
 * registered) and the payout can be voided.
 *
 * @param amountCents {@code TransactionAmount} in KES cents; null on failure
 * @param receipt {@code TransactionReceipt} (or the result's TransactionID); null on failure
 * @param receiverName {@code ReceiverPartyPublicName}, e.g. {@code "254708374149 - John Doe"}
 */
public record B2cResult(
        String originatorConversationId,
        @Nullable String conversationId,
        String resultCode,
        String resultDesc,
        @Nullable Long amountCents,
        @Nullable String receipt,
        @Nullable String receiverName) {

    private static final String WHAT = "B2C result";

    /** @throws MpesaCallbackParseException when the body is not a Daraja result document */
    public static B2cResult parse(@Nullable String body) {
        var result = DarajaResult.parse(body, WHAT);
        var receipt = result.parameter("TransactionReceipt");
        return new B2cResult(
                result.originatorConversationId(),
                result.conversationId(),
                result.resultCode(),
                result.resultDesc(),
                result.amountCents("TransactionAmount", WHAT),
                receipt != null ? receipt : result.succeeded() ? result.transactionId() : null,
                result.parameter("ReceiverPartyPublicName"));
    }

    public boolean succeeded() {
        return "0".equals(resultCode);
    }
}
