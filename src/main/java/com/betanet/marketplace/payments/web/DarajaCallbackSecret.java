package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.mpesa.MpesaProperties;
import com.betanet.marketplace.shared.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.stereotype.Component;

/**
 * The secret path segment of Daraja's callback URLs, which is what authenticates Safaricom (Daraja signs nothing): any
 * other segment is 404, as if there were no such URL. Compared in constant time, as digests of equal length, so that
 * neither its content nor its length leaks; an unset secret matches nothing (no callback is expected then).
 */
@Component
class DarajaCallbackSecret {

    private final byte[] expected;
    private final RefusedWebhooks refusals;

    DarajaCallbackSecret(MpesaProperties properties, RefusedWebhooks refusals) {
        var secret = properties.callbackSecret();
        this.expected = secret.isBlank() ? new byte[0] : sha256(secret);
        this.refusals = refusals;
    }

    /**
     * @param webhook which callback was called, for {@link RefusedWebhooks}
     * @throws ApiException 404 {@code not_found} unless {@code given} is the secret
     */
    void require(String given, String webhook) {
        if (expected.length == 0 || !MessageDigest.isEqual(expected, sha256(given))) {
            refusals.refused(webhook, "wrong_secret", "no such callback URL");
            throw ApiException.notFound("Resource");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
