package com.betanet.marketplace.shared.web;

import com.betanet.marketplace.shared.Money;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * An amount of money as a request states it ({@code {"amount": 500, "currency": "KES"}}): positive minor units, the
 * currency not yet known to be one, compared with the currency of what it applies to by whoever takes it.
 */
public record AmountInput(
        @NotNull @Positive Long amount, @NotNull String currency) {

    /**
     * The amount as money of {@code expected}, the one currency it may be in here (a cart, a payment); any other is
     * 400 {@code validation_failed} on {@code <field>.currency}.
     */
    public Money in(String expected, String field) {
        if (!expected.equals(currency)) {
            throw ApiException.validation(field + ".currency", "Must be " + expected);
        }
        return Money.of(amount, currency);
    }
}
