package com.betanet.marketplace.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class MoneyAndIdsTests {

    @Test
    void moneyAddsOnlyTheSameCurrencyAndNeverOverflowsSilently() {
        assertThat(Money.of(150, "KES").plus(Money.of(50, "KES"))).isEqualTo(Money.of(200, "KES"));
        assertThat(Money.of(150, "KES").minus(Money.of(200, "KES")).isNegative())
                .isTrue();
        assertThatThrownBy(() -> Money.of(1, "KES").plus(Money.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "KES").plus(Money.of(1, "KES")))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(1, "XYZ1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moneyReadsInMajorUnitsInMessages() {
        assertThat(Money.of(49_900, "KES")).hasToString("KES 499.00");
        assertThat(Money.of(1_050, "KES")).hasToString("KES 10.50");
        assertThat(Money.of(-5, "KES")).hasToString("KES -0.05");
        assertThat(Money.of(500, "JPY")).hasToString("JPY 500");
    }

    @Test
    void idsAreVersion7UniqueAndTimeOrdered() {
        var early = Ids.newId(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        var late = Ids.newId(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
        assertThat(early.version()).isEqualTo(7);
        assertThat(early.variant()).isEqualTo(2);
        assertThat(early.toString()).isLessThan(late.toString());

        var seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.newId())).isTrue();
        }
    }

    @Test
    void textChecksTellNamesFromJunk() {
        assertThat(TextChecks.isPersonName("Wanjiku Kamau")).isTrue();
        assertThat(TextChecks.isPersonName("Zoë O'Neil-Smith")).isTrue();
        assertThat(TextChecks.isPersonName("Ngũgĩ wa Thiong'o")).isTrue();
        assertThat(TextChecks.isPersonName("Bob 🚀")).isFalse();
        assertThat(TextChecks.isPersonName("Bob\u0000")).isFalse();
        assertThat(TextChecks.isPersonName("<script>")).isFalse();
        assertThat(TextChecks.isDisplayName("Mama Mboga & Sons (Ltd.)")).isTrue();
        assertThat(TextChecks.isDisplayName("Shop\u0007")).isFalse();
        assertThat(TextChecks.hasControlCharacters("line one\nline two")).isFalse();
        assertThat(TextChecks.hasControlCharacters("bell\u0007")).isTrue();
        assertThat(TextChecks.length("🚀🚀")).isEqualTo(2);
    }
}
