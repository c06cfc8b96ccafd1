package com.betanet.marketplace.catalog.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the term dictionary says about the words of a query: how many active products use each (with its prefix
 * extensions), which terms a word is the prefix of, and spelling candidates for a word no term starts with. Turned
 * into the full-text query and an estimate of the fraction of products it matches.
 *
 * @param products the table's row estimate
 */
record WordStats(Map<String, Word> words, double products) {

    /**
     * @param documents active products using the word (summed over the terms it is a prefix of)
     * @param terms dictionary terms it is, or is a prefix of
     * @param extensions those terms when there are few (see {@link ProductSearchSql#WORD_STATS}), else null
     * @param near nearest terms by trigrams, when {@code terms} is 0 and the word may be misspelt
     */
    record Word(long documents, int terms, @Nullable List<String> extensions, List<Spelling.Candidate> near) {}

    /** The query and the fraction of products it is expected to match, words assumed independent. */
    record Resolved(String textQuery, double fraction, double products) {

        double matches() {
            return fraction * products;
        }
    }

    /** A complete word also matches its extensions up to this many letters longer (plurals: chair, chairs). */
    static final int COMPLETE_WORD_SLACK = 2;

    /**
     * Each word becomes its alternatives. A prefix word is replaced by the terms it is a prefix of when the dictionary
     * lists them: the dictionary holds every word of every active product, so the list is complete, and the index
     * finds exact terms far faster than prefixes (a prefix collects every match of every extension before combining
     * them; exact terms are intersected while reading). A word that is itself a term is taken as typed, plus its
     * plural-like extensions: "blue" does not find "bluetooth", "chair" finds "chairs". A word no term starts with
     * matches nothing as itself: its spelling corrections, if any, stand in.
     */
    Resolved resolve(List<String> queryWords) {
        var alternatives = new ArrayList<TextQuery.Alternatives>();
        double fraction = 1;
        for (var word : queryWords) {
            var stats = words.get(word);
            if (stats == null) {
                alternatives.add(TextQuery.Alternatives.of(word));
                fraction = 0;
                continue;
            }
            var corrections = Spelling.corrections(word, stats.near());
            var exact = new ArrayList<String>(corrections);
            var prefixes = new ArrayList<String>();
            var extensions = stats.extensions();
            if (!QueryText.matchesAsPrefix(word)) {
                exact.add(0, word);
            } else if (stats.terms() == 0) {
                // nothing starts with it: only the corrections can match
            } else if (extensions != null && extensions.contains(word)) {
                exact.addAll(
                        0,
                        extensions.stream()
                                .filter(term -> term.length() <= word.length() + COMPLETE_WORD_SLACK)
                                .toList());
            } else if (extensions != null) {
                exact.addAll(0, extensions);
            } else {
                prefixes.add(word);
            }
            if (exact.isEmpty() && prefixes.isEmpty()) {
                exact.add(word);
            }
            alternatives.add(new TextQuery.Alternatives(exact, prefixes));
            // the count covers every extension, an over-estimate for a complete word: it only decides the plan
            long documents = stats.documents();
            for (var correction : corrections) {
                documents += stats.near().stream()
                        .filter(candidate -> candidate.term().equals(correction))
                        .mapToLong(Spelling.Candidate::documents)
                        .sum();
            }
            fraction *= products <= 0 ? 0 : Math.min(1, documents / products);
        }
        return new Resolved(TextQuery.of(alternatives), fraction, products);
    }
}
