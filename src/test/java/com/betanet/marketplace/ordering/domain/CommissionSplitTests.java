package com.betanet.marketplace.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommissionSplitTests {

    @ParameterizedTest(name = "{0} at {1} bps: commission {2}")
    @CsvSource({
        "10000, 500, 500",
        "9990, 500, 500", // 499.5 rounds half-up
        "9989, 500, 499", // 499.45 rounds down
        "10, 500, 1", // 0.5 rounds up
        "9, 500, 0", // 0.45 rounds down
        "1, 5000, 1", // 0.5
        "0, 500, 0",
        "12345, 0, 0",
        "12345, 10000, 12345",
        "333, 333, 11" // 11.0889
    })
    void theCommissionIsRoundedHalfUpAndTheSellerGetsTheRest(long subtotal, int bps, long commission) {
        var split = CommissionSplit.of(Money.of(subtotal, "KES"), bps);
        assertThat(split.commission()).isEqualTo(Money.of(commission, "KES"));
        assertThat(split.sellerShare()).isEqualTo(Money.of(subtotal - commission, "KES"));
        assertThat(split.sellerShare().plus(split.commission())).isEqualTo(Money.of(subtotal, "KES"));
    }

    @Test
    void shareAndCommissionAlwaysAddUpToTheSubtotal() {
        for (long subtotal = 0; subtotal < 20_000; subtotal += 7) {
            for (int bps : new int[] {0, 1, 250, 500, 999, 1234, 10_000}) {
                var split = CommissionSplit.of(Money.of(subtotal, "USD"), bps);
                assertThat(split.sellerShare().amount() + split.commission().amount())
                        .isEqualTo(subtotal);
                assertThat(split.commission().amount()).isBetween(0L, subtotal);
                // half-up: |exact − rounded| ≤ 0.5, and .5 goes up
                long twiceExactTimes10000 = 2 * subtotal * bps;
                long twiceRoundedTimes10000 = 2 * split.commission().amount() * 10_000;
                assertThat(twiceRoundedTimes10000 - twiceExactTimes10000).isBetween(-9_999L, 10_000L);
            }
        }
    }

    @Test
    void refusesImpossibleRates() {
        assertThatThrownBy(() -> CommissionSplit.of(Money.of(100, "KES"), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommissionSplit.of(Money.of(100, "KES"), 10_001))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
