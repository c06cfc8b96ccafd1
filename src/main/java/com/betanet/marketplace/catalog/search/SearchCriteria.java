package com.betanet.marketplace.catalog.search;

import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.FieldError;
import com.betanet.marketplace.shared.web.PageRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A validated search: the words to match, the filters, the sort and the page. Bad values are all reported at once,
 * each under its parameter's name.
 */
record SearchCriteria(
        @Nullable String text,
        List<String> words,
        @Nullable UUID categoryId,
        @Nullable Long minPrice,
        @Nullable Long maxPrice,
        @Nullable BigDecimal minRating,
        @Nullable UUID sellerId,
        boolean inStockOnly,
        SearchSort sort,
        PageRequest page) {

    static final int MAX_QUERY_LENGTH = 200;

    /** 10 000 000 000.00 in minor units: beyond any real price, far below where arithmetic could overflow. */
    static final long MAX_PRICE = 1_000_000_000_000L;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,3}(\\.[0-9]{1,4})?");

    static SearchCriteria parse(ProductSearchRequest request) {
        var errors = new ArrayList<FieldError>();
        var text = text(request.q(), errors);
        var categoryId = uuid("categoryId", request.categoryId(), errors);
        var minPrice = price("minPrice", request.minPrice(), errors);
        var maxPrice = price("maxPrice", request.maxPrice(), errors);
        if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
            errors.add(new FieldError("minPrice", "Must not be greater than maxPrice"));
        }
        var minRating = rating(request.minRating(), errors);
        var sellerId = uuid("sellerId", request.sellerId(), errors);
        var inStock = bool("inStock", request.inStock(), errors);
        var sort = sort(request.sort(), text != null, errors);
        var limit = limit(request.limit(), errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        var words = text == null ? List.<String>of() : QueryText.words(text);
        return new SearchCriteria(
                text,
                words,
                categoryId,
                minPrice,
                maxPrice,
                minRating,
                sellerId,
                inStock,
                sort,
                PageRequest.of(limit, request.cursor()));
    }

    /** Whether the buyer typed something; it may still hold no word to search for (only punctuation). */
    boolean hasText() {
        return text != null;
    }

    /**
     * A digest of everything that decides which products match and in what order (not the limit), carried in each
     * cursor so that a cursor is only accepted by the query that issued it.
     */
    String fingerprint() {
        var canonical = String.join(
                "\n",
                "w=" + String.join(" ", words),
                "t=" + hasText(),
                "c=" + categoryId,
                "min=" + minPrice,
                "max=" + maxPrice,
                "r="
                        + (minRating == null
                                ? null
                                : minRating.stripTrailingZeros().toPlainString()),
                "s=" + sellerId,
                "i=" + inStockOnly,
                "o=" + sort.value());
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable String text(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > MAX_QUERY_LENGTH) {
            errors.add(new FieldError("q", "Must be at most " + MAX_QUERY_LENGTH + " characters"));
            return null;
        }
        return raw.strip();
    }

    private static @Nullable UUID uuid(String field, @Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        var id = Ids.parse(raw);
        if (id.isEmpty()) {
            errors.add(new FieldError(field, "Must be a UUID"));
            return null;
        }
        return id.get();
    }

    private static @Nullable Long price(String field, @Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(raw).matches()) {
            errors.add(new FieldError(field, "Must be a whole number of minor units"));
            return null;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException tooLarge) {
            errors.add(new FieldError(field, "Must be at most " + MAX_PRICE));
            return null;
        }
        if (value < 0) {
            errors.add(new FieldError(field, "Must be at least 0"));
            return null;
        }
        if (value > MAX_PRICE) {
            errors.add(new FieldError(field, "Must be at most " + MAX_PRICE));
            return null;
        }
        return value;
    }

    private static @Nullable BigDecimal rating(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(raw).matches()) {
            errors.add(new FieldError("minRating", "Must be a number from 1 to 5"));
            return null;
        }
        var value = new BigDecimal(raw);
        if (value.compareTo(BigDecimal.ONE) < 0 || value.compareTo(BigDecimal.valueOf(5)) > 0) {
            errors.add(new FieldError("minRating", "Must be a number from 1 to 5"));
            return null;
        }
        return value;
    }

    private static boolean bool(String field, @Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                errors.add(new FieldError(field, "Must be true or false"));
                return false;
        }
    }

    private static SearchSort sort(@Nullable String raw, boolean hasText, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return hasText ? SearchSort.RELEVANCE : SearchSort.NEWEST;
        }
        var sort = SearchSort.parse(raw);
        if (sort.isEmpty()) {
            errors.add(new FieldError("sort", "Must be one of relevance, newest, price_asc, price_desc, rating_desc"));
            return SearchSort.NEWEST;
        }
        // Without words every product is equally relevant: relevance then means newest first.
        return sort.get() == SearchSort.RELEVANCE && !hasText ? SearchSort.NEWEST : sort.get();
    }

    private static @Nullable Integer limit(@Nullable String raw, List<FieldError> errors) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(raw).matches() || raw.length() > 4) {
            errors.add(new FieldError("limit", "Must be between 1 and " + PageRequest.MAX_LIMIT));
            return null;
        }
        int value = Integer.parseInt(raw);
        if (value < 1 || value > PageRequest.MAX_LIMIT) {
            errors.add(new FieldError("limit", "Must be between 1 and " + PageRequest.MAX_LIMIT));
            return null;
        }
        return value;
    }
}
