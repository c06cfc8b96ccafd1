package com.betanet.marketplace.catalog.domain;

import com.betanet.marketplace.shared.TextChecks;
import com.betanet.marketplace.shared.web.FieldError;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Category names and slugs: what an admin may write, and how a slug is made from a name when none is given. */
public final class CategoryRules {

    public static final int MAX_NAME = 100;
    public static final int MAX_SLUG = 100;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");

    private CategoryRules() {}

    public static Optional<FieldError> checkName(String name) {
        if (name.isBlank() || TextChecks.length(name) > MAX_NAME) {
            return Optional.of(new FieldError("name", "Must be 1 to " + MAX_NAME + " characters"));
        }
        if (!TextChecks.isDisplayName(name)) {
            return Optional.of(new FieldError("name", "Must contain only letters, digits, punctuation and spaces"));
        }
        return Optional.empty();
    }

    /** A slug is what a category is found by in URLs: lower-case ASCII letters and digits in words joined by hyphens. */
    public static Optional<FieldError> checkSlug(String slug) {
        if (slug.isEmpty() || slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
            return Optional.of(new FieldError(
                    "slug",
                    "Must be 1 to " + MAX_SLUG
                            + " lower-case letters a-z and digits in words joined by single hyphens"));
        }
        return Optional.empty();
    }

    /**
     * The slug for a name: accents dropped ("Électronique" → "electronique"), every run of other characters a hyphen
     * ("Phones & Tablets" → "phones-tablets"), cut at a word boundary to fit. Empty when the name has no Latin letters
     * or digits at all (then the admin must choose one).
     */
    public static String slugFrom(String name) {
        var decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        var ascii = COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        var slug = NOT_SLUG.matcher(ascii).replaceAll("-");
        slug = trimHyphens(slug);
        if (slug.length() > MAX_SLUG) {
            var cut = slug.substring(0, MAX_SLUG);
            int lastHyphen = cut.lastIndexOf('-');
            if (slug.charAt(MAX_SLUG) != '-' && lastHyphen > 0) {
                cut = cut.substring(0, lastHyphen); // do not end in the middle of a word
            }
            slug = trimHyphens(cut);
        }
        return slug;
    }

    private static String trimHyphens(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '-') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '-') {
            end--;
        }
        return value.substring(start, end);
    }
}
