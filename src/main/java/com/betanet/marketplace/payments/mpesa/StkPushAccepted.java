package com.betanet.marketplace.payments.mpesa;

/**
 * Daraja accepted an STK push: the prompt is on its way to the phone and the result will come to the callback URL,
 * keyed by {@code checkoutRequestId} (which the STK query also takes).
 */
public record StkPushAccepted(
        String merchantRequestId, String checkoutRequestId, String responseCode, String customerMessage) {}
