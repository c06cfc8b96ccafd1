package com.betanet.marketplace.shared.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * An amount of money as a request states it ({@code {"amount": 500, "currency": "KES"}}): positive minor units, the
 * currency not yet known to be one, compared with the currency of what it applies to by whoever takes it.
 */
public record AmountInput(
        @NotNull @Positive Long amount, @NotNull String currency) {}
