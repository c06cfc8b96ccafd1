package com.betanet.marketplace.identity.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Phone numbers as the marketplace stores them: E.164 ({@code +254712345678}). Kenyan numbers are accepted the way
 * people write them ({@code 0712 345 678}, {@code 0110…}, {@code 254…}, {@code +254…}); any other country needs
 * its {@code +} prefix, because a bare number without one cannot be placed. Spaces, dots, hyphens and parentheses
 * between digits are ignored.
 */
public final class PhoneNumber {

    private static final int MAX_INPUT = 32;
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-()]");
    // Kenyan mobile numbers: 07xx xxx xxx and 01xx xxx xxx, i.e. national numbers 7xxxxxxxx and 1xxxxxxxx.
    private static final Pattern KENYAN_LOCAL = Pattern.compile("^0([17]\\d{8})$");
    private static final Pattern KENYAN_INTERNATIONAL = Pattern.compile("^\\+?254([1-9]\\d{8})$");
    // E.164: a country code that does not start with 0, at most 15 digits in all.
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");

    private PhoneNumber() {}

    /** The number in E.164, or empty when it is not a number we can accept. */
    public static Optional<String> normalize(String raw) {
        if (raw.length() > MAX_INPUT) {
            return Optional.empty();
        }
        var compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        var local = KENYAN_LOCAL.matcher(compact);
        if (local.matches()) {
            return Optional.of("+254" + local.group(1));
        }
        var kenyan = KENYAN_INTERNATIONAL.matcher(compact);
        if (kenyan.matches()) {
            return Optional.of("+254" + kenyan.group(1));
        }
        if (compact.startsWith("+254")) {
            return Optional.empty(); // a Kenyan number of the wrong length
        }
        return E164.matcher(compact).matches() ? Optional.of(compact) : Optional.empty();
    }
}
