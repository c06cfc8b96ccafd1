package com.betanet.marketplace.identity.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as the marketplace stores and compares them: trimmed and lower-cased. */
public final class EmailAddress {

    // Pragmatic, not RFC 5322: one @, no spaces or control characters, a dot in the domain.
    private static final Pattern SHAPE =
            Pattern.compile("^[^\\s@\\p{Cntrl}]{1,64}@[^\\s@\\p{Cntrl}]+\\.[^\\s@\\p{Cntrl}]{2,}$");

    private EmailAddress() {}

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String email) {
        var normalized = normalize(email);
        return normalized.length() <= 254 && SHAPE.matcher(normalized).matches();
    }
}
