package com.betanet.marketplace.shared;

import java.util.regex.Pattern;

/** Checks for user-supplied text that ends up on other people's screens. */
public final class TextChecks {

    // A person's name in any script: letters and combining marks, separated by spaces, apostrophes, dots, hyphens.
    private static final Pattern PERSON_NAME =
            Pattern.compile("^[\\p{L}\\p{M}]+(?:[\\p{Zs}'’.\\-]+[\\p{L}\\p{M}]+)*\\.?$");
    // A shop or display name: also digits, punctuation and currency or math signs, but no emoji or other symbols.
    private static final Pattern DISPLAY_NAME = Pattern.compile("^[\\p{L}\\p{M}\\p{N}\\p{P}\\p{Sc}\\p{Sm}\\p{Zs}]+$");

    private TextChecks() {}

    public static boolean isPersonName(String value) {
        return PERSON_NAME.matcher(value).matches();
    }

    public static boolean isDisplayName(String value) {
        return DISPLAY_NAME.matcher(value).matches() && !value.isBlank();
    }

    /** True for text with control characters other than line breaks and tabs (free text such as a bio). */
    public static boolean hasControlCharacters(String value) {
        return value.codePoints()
                .anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t'
                        || Character.getType(c) == Character.FORMAT && c != 0x200D /* emoji joiner in free text */
                        || Character.getType(c) == Character.SURROGATE
                        || Character.getType(c) == Character.UNASSIGNED);
    }

    /** Length in code points (what a person counts as characters), not UTF-16 units. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
