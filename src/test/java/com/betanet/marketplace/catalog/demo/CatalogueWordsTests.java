package com.betanet.marketplace.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CatalogueWordsTests {

    private final CatalogueWords words = CatalogueWords.load();

    @Test
    void describesATreeOfAboutTwoHundredCategoriesWithUniqueSlugs() {
        var slugs = new ArrayList<String>();
        words.roots().forEach(root -> collect(root, slugs));
        assertThat(slugs).hasSizeBetween(180, 260).doesNotHaveDuplicates();
        assertThat(words.roots()).hasSizeGreaterThan(10);
        assertThat(slugs).contains("smartphones", "phones-and-tablets", "mens-shoes");
    }

    @Test
    void givesEveryLeafAKnownFamilyAndNouns() {
        assertThat(words.leaves()).hasSizeGreaterThan(150).allSatisfy(leaf -> {
            assertThat(words.families()).containsKey(leaf.family());
            assertThat(leaf.nouns()).isNotEmpty();
        });
        assertThat(words.families().values()).allSatisfy(family -> {
            assertThat(family.brands()).hasSizeGreaterThan(5);
            assertThat(family.features()).hasSizeGreaterThan(3);
            assertThat(family.medianPrice()).isPositive();
        });
    }

    @Test
    void skewsPicksLikeZipf() {
        var slots = CatalogueGenerator.zipfSlots(200, 0.9, new Random(1));
        var counts = new int[201];
        for (int slot : slots) {
            counts[slot]++;
        }
        var sorted = java.util.Arrays.stream(counts, 1, 201).sorted().toArray();
        assertThat(sorted[0]).isPositive(); // every item can be picked
        assertThat(sorted[199]).isGreaterThan(50 * sorted[100]); // the top item dwarfs the median one
        assertThat(new HashSet<>(List.of(slots[0], slots[1], slots[2]))).isNotEmpty();
    }

    @Test
    void paintsAProductCardAsPng() throws Exception {
        var png = ProductCardPainter.paint("Samsung", "Smartphones", "phones", 1);
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(ProductCardPainter.SIZE);
        assertThat(png.length).isBetween(2_000, 400_000);
    }

    private static void collect(CatalogueWords.Node node, List<String> slugs) {
        slugs.add(node.slug());
        node.children().forEach(child -> collect(child, slugs));
    }
}
