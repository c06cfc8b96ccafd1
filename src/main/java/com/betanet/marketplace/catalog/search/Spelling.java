package com.betanet.marketplace.catalog.search;

import java.util.Comparator;
import java.util.List;

/**
 * Chooses spelling corrections for a word that no catalogue word starts with, among the dictionary's nearest words by
 * trigrams. Trigram similarity finds candidates fast but ranks transpositions badly ("iphnoe"), so the choice is made
 * by edit distance, counting a swap of two neighbouring letters as one edit (optimal string alignment).
 */
final class Spelling {

    static final int MAX_CORRECTIONS = 3;

    /** A dictionary word near a query word, with the number of active products using it. */
    record Candidate(String term, int documents) {}

    private Spelling() {}

    /** Up to three corrections at the smallest distance found within what the word's length allows. */
    static List<String> corrections(String word, List<Candidate> candidates) {
        int allowed = allowedEdits(word);
        if (allowed == 0) {
            return List.of();
        }
        record Scored(String term, int documents, int distance) {}
        var scored = candidates.stream()
                .filter(candidate -> !candidate.term().equals(word))
                .map(candidate ->
                        new Scored(candidate.term(), candidate.documents(), distance(word, candidate.term(), allowed)))
                .filter(candidate -> candidate.distance() <= allowed)
                .toList();
        int best = scored.stream().mapToInt(Scored::distance).min().orElse(Integer.MAX_VALUE);
        return scored.stream()
                .filter(candidate -> candidate.distance() == best)
                .sorted(Comparator.comparingInt(Scored::documents).reversed().thenComparing(Scored::term))
                .limit(MAX_CORRECTIONS)
                .map(Scored::term)
                .toList();
    }

    /** One edit in a word of 4 or 5 letters, two from 6 letters on; short words are left alone. */
    static int allowedEdits(String word) {
        if (!QueryText.mayBeMisspelt(word)) {
            return 0;
        }
        return word.length() <= 5 ? 1 : 2;
    }

    /**
     * The optimal-string-alignment distance between two words, or {@code limit + 1} once it is certain to exceed
     * {@code limit}.
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[][] d = new int[x.length + 1][y.length + 1];
        for (int i = 0; i <= x.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= y.length; j++) {
                int cost = x[i - 1] == y[j - 1] ? 0 : 1;
                int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                    value = Math.min(value, d[i - 2][j - 2] + 1);
                }
                d[i][j] = value;
                rowMin = Math.min(rowMin, value);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return Math.min(d[x.length][y.length], limit + 1);
    }
}
