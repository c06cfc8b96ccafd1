package com.betanet.marketplace.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.shared.web.ApiException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimiterTests {

    private final RateLimiter limiter = RateLimiter.inProcess(1_000);

    @AfterEach
    void close() {
        limiter.close();
    }

    @Test
    void allowsTheCapacityThenRefusesWithTheTimeUntilTheWindowRefills() {
        var limit = RateLimit.of("test", 3, Duration.ofMinutes(1));

        var decisions = IntStream.range(0, 5)
                .mapToObj(i -> limiter.tryAcquire(limit, "10.0.0.1"))
                .toList();

        assertThat(decisions).extracting(RateLimiter.Decision::allowed).containsExactly(true, true, true, false, false);
        var refused = decisions.get(3);
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
        assertThatThrownBy(refused::orThrow).isInstanceOfSatisfying(ApiException.class, exception -> {
            assertThat(exception.status().value()).isEqualTo(429);
            assertThat(exception.code()).isEqualTo("rate_limited");
            assertThat(exception.headers().getFirst("Retry-After"))
                    .isEqualTo(Long.toString(refused.retryAfterSeconds()));
        });
    }

    @Test
    void countsEachKeyAndEachLimitSeparately() {
        var limit = RateLimit.of("test", 1, Duration.ofMinutes(1));
        var other = RateLimit.of("other", 1, Duration.ofMinutes(1));

        assertThat(limiter.tryAcquire(limit, "a").allowed()).isTrue();
        assertThat(limiter.tryAcquire(limit, "a").allowed()).isFalse();
        assertThat(limiter.tryAcquire(limit, "b").allowed()).isTrue();
        assertThat(limiter.tryAcquire(other, "a").allowed()).isTrue();
    }

    @Test
    void checkingCountsNothingAndForgettingStartsAfresh() {
        var limit = RateLimit.of("test", 2, Duration.ofMinutes(15));

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.check(limit, "k").allowed()).isTrue();
        }
        limiter.tryAcquire(limit, "k");
        limiter.tryAcquire(limit, "k");
        var exhausted = limiter.check(limit, "k");
        assertThat(exhausted.allowed()).isFalse();
        assertThat(exhausted.retryAfterSeconds()).isBetween(1L, 15 * 60L);

        limiter.forget(limit, "k");
        assertThat(limiter.check(limit, "k").allowed()).isTrue();
    }

    @Test
    void theWholeCapacityComesBackWhenThePeriodHasPassed() throws InterruptedException {
        var limit = RateLimit.of("short", 2, Duration.ofMillis(300));
        limiter.tryAcquire(limit, "k");
        limiter.tryAcquire(limit, "k");
        assertThat(limiter.tryAcquire(limit, "k").allowed()).isFalse();

        Thread.sleep(400);

        assertThat(limiter.tryAcquire(limit, "k").allowed()).isTrue();
        assertThat(limiter.tryAcquire(limit, "k").allowed()).isTrue();
        assertThat(limiter.tryAcquire(limit, "k").allowed()).isFalse();
    }

    @Test
    void aLimitOfZeroIsOff() {
        var off = RateLimit.of("off", 0, Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(off, "k").allowed()).isTrue();
        }
    }

    @Test
    void keepsABoundedNumberOfKeysWhateverTheFlood() {
        var store = new InProcessBucketStore(100);
        try (var bounded = new RateLimiter(store, false)) {
            var limit = RateLimit.of("flood", 5, Duration.ofMinutes(1));
            for (int i = 0; i < 10_000; i++) {
                bounded.tryAcquire(limit, "203.0.113." + i);
            }
            assertThat(store.size(limit)).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void aChangedLimitStartsFreshBuckets() {
        var before = RateLimit.of("changing", 1, Duration.ofMinutes(1));
        var after = RateLimit.of("changing", 2, Duration.ofMinutes(1));
        limiter.tryAcquire(before, "k");
        assertThat(limiter.tryAcquire(before, "k").allowed()).isFalse();

        assertThat(limiter.tryAcquire(after, "k").allowed()).isTrue();
    }

    @Test
    void keysAreHashedBeforeTheyAreStored() {
        var hashed = RateLimiter.hash("someone@example.com|10.0.0.1");
        assertThat(hashed).doesNotContain("someone").hasSize(24);
        assertThat(RateLimiter.hash("someone@example.com|10.0.0.1")).isEqualTo(hashed);
    }

    @Test
    void keysIpv6ClientsByTheirNetwork() {
        assertThat(ClientAddresses.key("2001:db8:1:2:3:4:5:6")).isEqualTo(ClientAddresses.key("2001:db8:1:2:ffff::1"));
        assertThat(ClientAddresses.key("2001:db8:1:2::1")).isNotEqualTo(ClientAddresses.key("2001:db8:1:3::1"));
        assertThat(ClientAddresses.key("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(ClientAddresses.key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddresses.key("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void refusesNamesThatCannotBeStorageKeys() {
        assertThatThrownBy(() -> RateLimit.of("has space", 1, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateLimit.of("ok", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
