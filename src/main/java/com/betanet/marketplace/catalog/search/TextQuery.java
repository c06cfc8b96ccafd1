package com.betanet.marketplace.catalog.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The full-text query for a list of words: every word must match (AND), each through any of its alternatives (OR).
 * Written in {@code tsquery} input syntax with every lexeme quoted, so no character of the buyer's text is ever read
 * as an operator; the result is passed as a bind parameter.
 */
final class TextQuery {

    /**
     * How one query word may match: exact lexemes (the word itself, the dictionary terms it is a prefix of, spelling
     * corrections) and lexeme prefixes (when it is the prefix of too many terms to list).
     */
    record Alternatives(List<String> exact, List<String> prefixes) {

        static Alternatives of(String word) {
            return QueryText.matchesAsPrefix(word)
                    ? new Alternatives(List.of(), List.of(word))
                    : new Alternatives(List.of(word), List.of());
        }
    }

    private TextQuery() {}

    static String of(List<Alternatives> words) {
        return words.stream().map(TextQuery::alternatives).collect(Collectors.joining(" & "));
    }

    private static String alternatives(Alternatives word) {
        var lexemes = new ArrayList<String>();
        new LinkedHashSet<>(word.prefixes()).forEach(prefix -> lexemes.add(quote(prefix) + ":*"));
        new LinkedHashSet<>(word.exact()).forEach(exact -> lexemes.add(quote(exact)));
        var joined = String.join(" | ", lexemes);
        return lexemes.size() == 1 ? joined : "(" + joined + ")";
    }

    /** A lexeme in single quotes; quotes and backslashes inside are escaped as tsquery input requires. */
    static String quote(String lexeme) {
        return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
