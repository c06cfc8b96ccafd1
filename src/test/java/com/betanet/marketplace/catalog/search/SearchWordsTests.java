package com.betanet.marketplace.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How typed text becomes search words, spelling corrections and a tsquery. */
class SearchWordsTests {

    @Test
    void splitsLikeTheSimpleTextSearchConfiguration() {
        assertThat(QueryText.words("Apple iPhone 15 Pro, 15.6\" — café!"))
                .containsExactly("apple", "iphone", "15", "pro", "15.6", "café");
        assertThat(QueryText.words("'; DROP TABLE products; --")).containsExactly("drop", "table", "products");
    }

    @Test
    void dropsStopWordsUnlessNothingElseIsLeft() {
        assertThat(QueryText.words("case for the iphone")).containsExactly("case", "iphone");
        assertThat(QueryText.words("the and")).containsExactly("the", "and");
    }

    @Test
    void keepsAtMostEightDistinctWords() {
        assertThat(QueryText.words("a1 a2 a3 a1 a4 a5 a6 a7 a8 a9 a10"))
                .containsExactly("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8");
    }

    @Test
    void countsASwapOfNeighbouringLettersAsOneEdit() {
        assertThat(Spelling.distance("iphnoe", "iphone", 2)).isEqualTo(1);
        assertThat(Spelling.distance("samsng", "samsung", 2)).isEqualTo(1);
        assertThat(Spelling.distance("hedphones", "headphones", 2)).isEqualTo(1);
        assertThat(Spelling.distance("kitten", "sitting", 5)).isEqualTo(3);
        assertThat(Spelling.distance("phone", "laptop", 2)).isEqualTo(3);
    }

    @Test
    void correctsToTheClosestWordsWithinWhatTheLengthAllows() {
        var candidates = List.of(
                new Spelling.Candidate("iphone", 500),
                new Spelling.Candidate("phone", 9000),
                new Spelling.Candidate("siphon", 3));
        assertThat(Spelling.corrections("iphnoe", candidates)).containsExactly("iphone");
        assertThat(Spelling.corrections("laptp", List.of(new Spelling.Candidate("laptop", 1))))
                .containsExactly("laptop");
        // one edit at most for five letters; none below four
        assertThat(Spelling.corrections("lptp", List.of(new Spelling.Candidate("laptop", 1))))
                .isEmpty();
        assertThat(Spelling.corrections("tv", List.of(new Spelling.Candidate("tvs", 1))))
                .isEmpty();
    }

    @Test
    void writesAQuotedTsqueryWithPrefixesAndAlternatives() {
        var query = TextQuery.of(List.of(
                new TextQuery.Alternatives(List.of("samsung", "samsong"), List.of()),
                TextQuery.Alternatives.of("galaxy"),
                TextQuery.Alternatives.of("15"),
                TextQuery.Alternatives.of("o'neil")));
        assertThat(query).isEqualTo("('samsung' | 'samsong') & 'galaxy':* & '15' & 'o''neil':*");
        assertThat(TextQuery.quote("a\\b")).isEqualTo("'a\\\\b'");
    }

    @Test
    void replacesPrefixesByTheTermsTheyStartAndTyposByTheirCorrections() {
        var stats = new WordStats(
                Map.of(
                        "iphon", new WordStats.Word(900, 2, List.of("iphone", "iphones"), List.of()),
                        "blue", new WordStats.Word(900, 3, List.of("blue", "blues", "bluetooth"), List.of()),
                        "pro", new WordStats.Word(5000, 40, null, List.of()),
                        "samsng", new WordStats.Word(0, 0, List.of(), List.of(new Spelling.Candidate("samsung", 300))),
                        "xqzt", new WordStats.Word(0, 0, List.of(), List.of())),
                10_000);

        var resolved = stats.resolve(List.of("iphon", "pro", "samsng"));

        assertThat(resolved.textQuery()).isEqualTo("('iphone' | 'iphones') & 'pro':* & 'samsung'");
        assertThat(resolved.fraction()).isCloseTo(0.09 * 0.5 * 0.03, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(stats.resolve(List.of("blue")).textQuery()).isEqualTo("('blue' | 'blues')");
        assertThat(stats.resolve(List.of("xqzt")).textQuery()).isEqualTo("'xqzt'");
        assertThat(stats.resolve(List.of("xqzt")).fraction()).isZero();
    }
}
