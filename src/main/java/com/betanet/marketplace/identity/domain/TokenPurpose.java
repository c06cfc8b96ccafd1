package com.betanet.marketplace.identity.domain;

import java.time.Duration;

/** What a mailed one-time link is for, and how long it stays valid. */
public enum TokenPurpose {
    /** Confirms the address the account signed up with (or a resend of it). */
    VERIFY_EMAIL(Duration.ofHours(48)),
    /** Confirms a new address; the account switches to it only when this link is used. */
    CHANGE_EMAIL(Duration.ofHours(24)),
    /** Sets a new password; short-lived because whoever holds it can take the account over. */
    RESET_PASSWORD(Duration.ofHours(1));

    private final Duration validity;

    TokenPurpose(Duration validity) {
        this.validity = validity;
    }

    public Duration validity() {
        return validity;
    }
}
