package com.betanet.marketplace.payments.mpesa;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code {"Result": {…}}} document Daraja posts to a ResultURL after an asynchronous request (B2C payment,
 * transaction status query). {@link B2cResult} and {@link TransactionStatusResult} read their own parameters from it.
 *
 * @param resultCode {@code "0"} on success; a number or, for some failures, a code like {@code "SFC_IC0003"}
 * @param originatorConversationId the id we sent with the request this result answers
 * @param parameters {@code ResultParameters.ResultParameter[{Key, Value}]} as text (numbers in plain notation)
 * @param referenceData {@code ReferenceData.ReferenceItem} the same way (e.g. {@code Occasion})
 */
public record DarajaResult(
        @Nullable Integer resultType,
        String resultCode,
        String resultDesc,
        String originatorConversationId,
        @Nullable String conversationId,
        @Nullable String transactionId,
        Map<String, String> parameters,
        Map<String, String> referenceData) {

    public DarajaResult {
        parameters = Map.copyOf(parameters);
        referenceData = Map.copyOf(referenceData);
    }

    /** @throws MpesaCallbackParseException when the body is not a Daraja result document */
    static DarajaResult parse(@Nullable String body, String what) {
        var result = DarajaJson.parse(body, what).path("Result");
        if (!result.isObject()) {
            throw new MpesaCallbackParseException(what + ": Result is missing");
        }
        var resultDesc = DarajaJson.text(result.path("ResultDesc"));
        return new DarajaResult(
                DarajaJson.integer(result, "ResultType", what),
                DarajaJson.requiredText(result, "ResultCode", what),
                resultDesc == null ? "" : resultDesc,
                DarajaJson.requiredText(result, "OriginatorConversationID", what),
                DarajaJson.text(result.path("ConversationID")),
                DarajaJson.text(result.path("TransactionID")),
                texts(DarajaJson.keyValues(
                        result.path("ResultParameters").path("ResultParameter"), "Key", "Value", what)),
                texts(DarajaJson.keyValues(result.path("ReferenceData").path("ReferenceItem"), "Key", "Value", what)));
    }

    public boolean succeeded() {
        return "0".equals(resultCode);
    }

    public @Nullable String parameter(String key) {
        return parameters.get(key);
    }

    /** A parameter holding an amount in shillings, as KES cents; null when absent. */
    @Nullable
    Long amountCents(String key, String what) {
        var value = parameters.get(key);
        return value == null ? null : DarajaJson.shillingsAsCents(value, what);
    }

    private static Map<String, String> texts(Map<String, JsonNode> nodes) {
        var texts = new LinkedHashMap<String, String>();
        nodes.forEach((key, node) -> {
            var text = DarajaJson.text(node);
            if (text != null) {
                texts.put(key, text);
            }
        });
        return texts;
    }
}
