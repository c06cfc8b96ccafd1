package com.betanet.marketplace.catalog.domain;

import com.betanet.marketplace.shared.TextChecks;
import com.betanet.marketplace.shared.web.FieldError;
import java.util.Optional;

/**
 * What a seller may write into a product. Shared by creation and partial edits, so both refuse the same input with the
 * same messages; each check names the API field it is about.
 */
public final class ProductRules {

    public static final int MAX_TITLE = 200;
    public static final int MAX_DESCRIPTION = 10_000;
    /**
     * The smallest price is one minor unit: nothing on the marketplace is free, because a zero-amount checkout cannot
     * be paid through M-Pesa or Stripe and would only be a way to reserve someone's stock.
     */
    public static final long MIN_PRICE = 1;
    /** 10^12 minor units (ten billion KES): far above any real listing, far below overflow when lines are summed. */
    public static final long MAX_PRICE = 1_000_000_000_000L;

    public static final int MAX_STOCK = 1_000_000;

    private ProductRules() {}

    /** A title is one line: 1 to 200 characters once trimmed, no control characters, line breaks or tabs. */
    public static Optional<FieldError> checkTitle(String title) {
        if (title.isBlank() || TextChecks.length(title) > MAX_TITLE) {
            return Optional.of(new FieldError("title", "Must be 1 to " + MAX_TITLE + " characters"));
        }
        if (TextChecks.hasControlCharacters(title)
                || title.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t')) {
            return Optional.of(new FieldError("title", "Must be one line without control characters"));
        }
        return Optional.empty();
    }

    /** A description may be empty and span lines, up to 10 000 characters, without other control characters. */
    public static Optional<FieldError> checkDescription(String description) {
        if (TextChecks.length(description) > MAX_DESCRIPTION) {
            return Optional.of(new FieldError("description", "Must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (TextChecks.hasControlCharacters(description)) {
            return Optional.of(new FieldError("description", "Must not contain control characters"));
        }
        return Optional.empty();
    }

    /** A price is in the marketplace currency, from one minor unit to {@link #MAX_PRICE}. */
    public static Optional<FieldError> checkPrice(long amount, String currency, String marketplaceCurrency) {
        if (!currency.equals(marketplaceCurrency)) {
            return Optional.of(new FieldError("price.currency", "Must be " + marketplaceCurrency));
        }
        if (amount < MIN_PRICE || amount > MAX_PRICE) {
            return Optional.of(new FieldError(
                    "price.amount", "Must be between " + MIN_PRICE + " and " + MAX_PRICE + " minor units"));
        }
        return Optional.empty();
    }

    public static Optional<FieldError> checkStock(long stock) {
        if (stock < 0 || stock > MAX_STOCK) {
            return Optional.of(new FieldError("stock", "Must be between 0 and " + MAX_STOCK));
        }
        return Optional.empty();
    }
}
