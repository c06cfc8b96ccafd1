package com.betanet.marketplace.catalog.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a buyer typed into search words, the way PostgreSQL's {@code simple} text-search configuration splits
 * and lower-cases a product's title and description: runs of letters and digits, decimal numbers kept whole (the
 * parser keeps "15.6" as one word). Everything else, quotes and SQL included, only separates words.
 */
final class QueryText {

    /** Words beyond this many are ignored: they would only narrow an AND query that already says enough. */
    static final int MAX_WORDS = 8;

    static final int MAX_WORD_LENGTH = 50;

    private static final Pattern WORD = Pattern.compile("\\p{N}+(?:\\.\\p{N}+)+|[\\p{L}\\p{N}]+");

    // The simple configuration indexes these too, but a buyer who types "case for iphone" does not mean "for".
    private static final Set<String> STOP_WORDS =
            Set.of("a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with");

    private QueryText() {}

    static List<String> words(String text) {
        var all = new ArrayList<String>();
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
            var word = matcher.group();
            all.add(word.length() > MAX_WORD_LENGTH ? word.substring(0, MAX_WORD_LENGTH) : word);
        }
        var meaningful = all.stream().filter(word -> !STOP_WORDS.contains(word)).toList();
        var chosen = meaningful.isEmpty() ? all : meaningful;
        return chosen.stream().distinct().limit(MAX_WORDS).toList();
    }

    /** A word a buyer may still be typing, or may have shortened: matched as a prefix. Numbers match exactly. */
    static boolean matchesAsPrefix(String word) {
        return word.length() >= 3 && !isNumeric(word);
    }

    /** Words long enough for a spelling correction to be a guess rather than a different word. */
    static boolean mayBeMisspelt(String word) {
        return word.length() >= 4 && word.length() <= 40 && !isNumeric(word);
    }

    static boolean isNumeric(String word) {
        return word.chars().noneMatch(Character::isLetter);
    }
}
