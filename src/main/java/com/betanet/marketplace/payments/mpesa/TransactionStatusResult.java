package com.betanet.marketplace.payments.mpesa;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The result of a Transaction Status query as Daraja posts it to the ResultURL. Note the two levels: the result's own
 * {@code ResultCode} says whether the <em>query</em> worked; the queried transaction's fate is in its parameters
 * ({@code TransactionStatus}, {@code ReceiptNo}, {@code Amount}, {@code Originator Conversation ID}).
 *
 * @param queryOriginatorConversationId the id Daraja gave the status query itself
 * @param originatorConversationId the queried transaction's OriginatorConversationID (the payout's), when given
 * @param transactionStatus Daraja's word for the transaction, e.g. {@code Completed}; null when the query failed
 * @param occasion the {@code Occasion} sent with the query, echoed in ReferenceData (useful to correlate)
 */
public record TransactionStatusResult(
        String queryOriginatorConversationId,
        String resultCode,
        String resultDesc,
        @Nullable String originatorConversationId,
        @Nullable String receipt,
        @Nullable Long amountCents,
        @Nullable String transactionStatus,
        @Nullable String occasion) {

    private static final String WHAT = "transaction status result";

    /** What the result proves about the queried transaction. */
    public enum Outcome {
        COMPLETED,
        /** Definitely did not complete: the payout may be voided. */
        FAILED,
        /** The query failed or the status is not final: keep the transaction pending and ask again later. */
        UNKNOWN
    }

    /** @throws MpesaCallbackParseException when the body is not a Daraja result document */
    public static TransactionStatusResult parse(@Nullable String body) {
        var result = DarajaResult.parse(body, WHAT);
        return new TransactionStatusResult(
                result.originatorConversationId(),
                result.resultCode(),
                result.resultDesc(),
                result.parameter("Originator Conversation ID"),
                result.parameter("ReceiptNo"),
                result.amountCents("Amount", WHAT),
                result.parameter("TransactionStatus"),
                result.referenceData().get("Occasion"));
    }

    public Outcome outcome() {
        if (!"0".equals(resultCode) || transactionStatus == null) {
            return Outcome.UNKNOWN;
        }
        return switch (transactionStatus.toLowerCase(Locale.ROOT)) {
            case "completed" -> Outcome.COMPLETED;
            case "failed", "cancelled", "declined", "expired" -> Outcome.FAILED;
            default -> Outcome.UNKNOWN;
        };
    }
}
