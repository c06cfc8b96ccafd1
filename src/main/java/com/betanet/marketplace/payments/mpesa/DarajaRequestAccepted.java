package com.betanet.marketplace.payments.mpesa;

/**
 * Daraja queued an asynchronous request (B2C payment, transaction status query); its result will be posted to the
 * ResultURL (or the QueueTimeOutURL), carrying the same {@code originatorConversationId}.
 */
public record DarajaRequestAccepted(String originatorConversationId, String conversationId, String description) {}
