package com.betanet.marketplace.payments.provider;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered and did not carry out the request (a declined card, a rejected phone number, bad
 * credentials): nothing moved, so the caller may record a failure or try again with different input.
 */
public class ProviderRefusedException extends RuntimeException {

    private final String provider;
    private final @Nullable String providerCode;

    public ProviderRefusedException(String provider, @Nullable String providerCode, String message) {
        this(provider, providerCode, message, null);
    }

    public ProviderRefusedException(
            String provider, @Nullable String providerCode, String message, @Nullable Throwable cause) {
        super(
                provider + " refused the request" + (providerCode == null ? "" : " (" + providerCode + ")") + ": "
                        + message,
                cause);
        this.provider = provider;
        this.providerCode = providerCode;
    }

    /** {@code mpesa} or {@code stripe}. */
    public String provider() {
        return provider;
    }

    /** The provider's own error code (Daraja's {@code errorCode}, Stripe's {@code code} or decline code), if any. */
    public @Nullable String providerCode() {
        return providerCode;
    }
}
