package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.mpesa.MpesaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where Daraja posts the answers to our B2C requests, under the public base URL and the secret path segment
 * ({@code MARKETPLACE_MPESA_CALLBACK_SECRET}); served by {@code payments.web.B2cWebhookController}.
 */
@Component
class B2cCallbackUrls {

    /** The path under the base URL, with {@code {secret}} for the secret: the controller maps the same paths. */
    static final String BASE_PATH = "/api/v1/webhooks/mpesa/{secret}/b2c";

    private final String base;

    B2cCallbackUrls(@Value("${marketplace.public-base-url}") String publicBaseUrl, MpesaProperties mpesa) {
        var trimmed =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.base = trimmed + BASE_PATH.replace("{secret}", mpesa.callbackSecret());
    }

    /** ResultURL of a B2C payment ({@code B2cResult}). */
    String result() {
        return base + "/result";
    }

    /** QueueTimeOutURL of a B2C payment. */
    String timeout() {
        return base + "/timeout";
    }

    /** ResultURL of a Transaction Status query ({@code TransactionStatusResult}). */
    String statusResult() {
        return base + "/status";
    }

    /** QueueTimeOutURL of a Transaction Status query. */
    String statusTimeout() {
        return base + "/status/timeout";
    }
}
