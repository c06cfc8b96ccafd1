package com.betanet.marketplace.identity.application;

import java.time.Instant;

/**
 * Someone asked for a reset link for this address, which may or may not belong to an account: the request answers
 * the same way either way, and only the mail listener, after the response, looks the address up.
 */
public record PasswordResetRequested(String email, Instant at) {}
