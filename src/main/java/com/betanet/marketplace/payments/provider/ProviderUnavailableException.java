package com.betanet.marketplace.payments.provider;

import org.jspecify.annotations.Nullable;

/**
 * The request certainly did not reach the provider (no access token could be had, the connection was refused, the
 * provider's gateway turned it away with 429): nothing happened and it may be tried again later. It is an
 * {@link ProviderOutcomeUnknownException}, so a caller that does not tell the two apart stays on the safe side.
 */
public class ProviderUnavailableException extends ProviderOutcomeUnknownException {

    public ProviderUnavailableException(String provider, String message, @Nullable Throwable cause) {
        super(provider, message, cause);
    }
}
