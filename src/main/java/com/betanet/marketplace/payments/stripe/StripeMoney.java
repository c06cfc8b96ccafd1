package com.betanet.marketplace.payments.stripe;

import com.betanet.marketplace.payments.provider.ProviderAmounts;
import com.betanet.marketplace.shared.Money;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Stripe writes currencies in lower case and amounts in the currency's smallest unit, as {@link Money} does. */
final class StripeMoney {

    private StripeMoney() {}

    static String currency(Money money) {
        return money.currency().toLowerCase(Locale.ROOT);
    }

    static Money money(@Nullable Long amount, @Nullable String currency) {
        if (currency == null) {
            throw new IllegalArgumentException("Stripe object without a currency");
        }
        long minorUnits = amount == null ? 0 : amount;
        if (!ProviderAmounts.plausible(minorUnits)) {
            throw new IllegalArgumentException("Stripe amount out of range: " + minorUnits);
        }
        return Money.of(minorUnits, currency.toUpperCase(Locale.ROOT));
    }
}
