package com.betanet.marketplace.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CategoryRulesTests {

    @Test
    void makesLowerCaseAsciiSlugsJoinedByHyphens() {
        assertThat(CategoryRules.slugFrom("Phones & Tablets")).isEqualTo("phones-tablets");
        assertThat(CategoryRules.slugFrom("  Électroménager — Cuisine  ")).isEqualTo("electromenager-cuisine");
        assertThat(CategoryRules.slugFrom("Men's Shoes (42+)")).isEqualTo("men-s-shoes-42");
        assertThat(CategoryRules.slugFrom("ＴＶ４Ｋ")).isEqualTo("tv4k"); // full-width forms fold to ASCII
        assertThat(CategoryRules.slugFrom("家电")).isEmpty();
    }

    @Test
    void cutsLongSlugsAtAWordBoundary() {
        var name = "word ".repeat(30); // 149 characters
        var slug = CategoryRules.slugFrom(name);

        assertThat(slug.length()).isLessThanOrEqualTo(CategoryRules.MAX_SLUG);
        assertThat(slug).endsWith("word").doesNotEndWith("-");
        assertThat(CategoryRules.checkSlug(slug)).isEmpty();
    }

    @Test
    void checksSlugsAndNames() {
        assertThat(CategoryRules.checkSlug("home-garden-2")).isEmpty();
        assertThat(CategoryRules.checkSlug("Home")).isPresent();
        assertThat(CategoryRules.checkSlug("-home")).isPresent();
        assertThat(CategoryRules.checkSlug("home--garden")).isPresent();
        assertThat(CategoryRules.checkSlug("")).isPresent();
        assertThat(CategoryRules.checkName("Home & Garden")).isEmpty();
        assertThat(CategoryRules.checkName(" ")).isPresent();
        assertThat(CategoryRules.checkName("Tab\there")).isPresent();
        assertThat(CategoryRules.checkName("x".repeat(101))).isPresent();
    }
}
