package com.betanet.marketplace.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductRulesTests {

    @Test
    void pricesAreInTheMarketplaceCurrencyFromOneMinorUnitToTenToTheTwelfth() {
        assertThat(ProductRules.checkPrice(1, "KES", "KES")).isEmpty();
        assertThat(ProductRules.checkPrice(1_000_000_000_000L, "KES", "KES")).isEmpty();
        assertThat(ProductRules.checkPrice(0, "KES", "KES"))
                .hasValueSatisfying(error -> assertThat(error.field()).isEqualTo("price.amount"));
        assertThat(ProductRules.checkPrice(-1, "KES", "KES")).isPresent();
        assertThat(ProductRules.checkPrice(1_000_000_000_001L, "KES", "KES")).isPresent();
        assertThat(ProductRules.checkPrice(100, "USD", "KES"))
                .hasValueSatisfying(error -> assertThat(error.field()).isEqualTo("price.currency"));
    }

    @Test
    void titlesAreOneLineAndDescriptionsMaySpanLines() {
        assertThat(ProductRules.checkTitle("iPhone 15 Pro — 256 GB")).isEmpty();
        assertThat(ProductRules.checkTitle("x".repeat(200))).isEmpty();
        assertThat(ProductRules.checkTitle("x".repeat(201))).isPresent();
        assertThat(ProductRules.checkTitle("two\nlines")).isPresent();
        assertThat(ProductRules.checkTitle("tab\there")).isPresent();
        assertThat(ProductRules.checkTitle("bidi \u202E trick")).isPresent();
        assertThat(ProductRules.checkDescription("line one\nline two\ttabbed")).isEmpty();
        assertThat(ProductRules.checkDescription("")).isEmpty();
        assertThat(ProductRules.checkDescription("nul \u0000")).isPresent();
    }

    @Test
    void stockIsBetweenZeroAndAMillion() {
        assertThat(ProductRules.checkStock(0)).isEmpty();
        assertThat(ProductRules.checkStock(1_000_000)).isEmpty();
        assertThat(ProductRules.checkStock(-1)).isPresent();
        assertThat(ProductRules.checkStock(1_000_001)).isPresent();
    }

    @Test
    void aNewProductIsNeverArchivedAndKnowsWhoMaySeeIt() {
        var seller = UUID.randomUUID();
        var now = Instant.parse("2026-11-27T12:00:00Z");
        assertThatThrownBy(() -> Product.list(
                        seller, UUID.randomUUID(), "Lamp", "", Money.of(100, "KES"), 1, ProductStatus.ARCHIVED, now))
                .isInstanceOf(IllegalArgumentException.class);

        var draft =
                Product.list(seller, UUID.randomUUID(), "Lamp", "", Money.of(100, "KES"), 1, ProductStatus.DRAFT, now);
        assertThat(draft.isVisibleTo(seller)).isTrue();
        assertThat(draft.isVisibleTo(UUID.randomUUID())).isFalse();
        assertThat(draft.isVisibleTo(null)).isFalse();
        draft.changeStatus(ProductStatus.ACTIVE, now.plusSeconds(1));
        assertThat(draft.isVisibleTo(null)).isTrue();
        assertThat(draft.updatedAt()).isEqualTo(now.plusSeconds(1));
        draft.archive(now.plusSeconds(2));
        assertThat(draft.isVisibleTo(null)).isFalse();
        assertThat(draft.isSoldBy(seller)).isTrue();
    }
}
