package com.betanet.marketplace.payments.mpesa;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What Daraja posts to a QueueTimeOutURL when a request sat in its queue too long. It proves nothing about the
 * transaction (it may still complete): the caller keeps it pending and settles it with a Transaction Status query.
 * Daraja documents this body loosely; it is read with or without the {@code Result} wrapper.
 */
public record DarajaQueueTimeout(
        String originatorConversationId,
        @Nullable String conversationId,
        @Nullable String resultDesc) {

    private static final String WHAT = "queue timeout";

    /** @throws MpesaCallbackParseException when the body has no OriginatorConversationID to match it by */
    public static DarajaQueueTimeout parse(@Nullable String body) {
        JsonNode document = DarajaJson.parse(body, WHAT);
        var result = document.path("Result").isObject() ? document.path("Result") : document;
        return new DarajaQueueTimeout(
                DarajaJson.requiredText(result, "OriginatorConversationID", WHAT),
                DarajaJson.text(result.path("ConversationID")),
                DarajaJson.text(result.path("ResultDesc")));
    }
}
