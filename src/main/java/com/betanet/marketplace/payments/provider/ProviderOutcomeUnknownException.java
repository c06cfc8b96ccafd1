package com.betanet.marketplace.payments.provider;

import org.jspecify.annotations.Nullable;

/**
 * No definite answer from the provider (timeout, refused connection, 5xx, an answer we cannot read): the request may
 * or may not have been carried out. The caller keeps the payment or payout pending and settles it with a status
 * query or the provider's callback; it must not simply send the request again.
 */
public class ProviderOutcomeUnknownException extends RuntimeException {

    private final String provider;

    public ProviderOutcomeUnknownException(String provider, String message, @Nullable Throwable cause) {
        super(provider + " gave no definite answer: " + message, cause);
        this.provider = provider;
    }

    /** {@code mpesa} or {@code stripe}. */
    public String provider() {
        return provider;
    }
}
