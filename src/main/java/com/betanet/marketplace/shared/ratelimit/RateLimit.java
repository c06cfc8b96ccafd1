package com.betanet.marketplace.shared.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A named limit: at most {@code capacity} events per key in each {@code period}. The whole capacity comes back at
 * once when a period has passed (Bucket4j's interval refill), which is what "N per minute" means to an operator and
 * gives a client an honest {@code Retry-After}. A capacity of zero or less switches the limit off.
 *
 * @param name short and stable (it is part of the storage key), e.g. {@code auth-ip}
 */
public record RateLimit(String name, long capacity, Duration period) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,40}");

    public RateLimit {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Rate limit names are 1-40 of [a-z0-9-]: " + name);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("A rate limit period must be positive: " + period);
        }
    }

    public static RateLimit of(String name, long capacity, Duration period) {
        return new RateLimit(name, capacity, period);
    }

    public boolean isOff() {
        return capacity <= 0;
    }

    Bandwidth bandwidth() {
        return Bandwidth.builder()
                .capacity(capacity)
                .refillIntervally(capacity, period)
                .build();
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder().addLimit(bandwidth()).build();
    }

    /**
     * Part of the storage key: a changed capacity or period starts fresh buckets instead of reusing ones stored
     * with the old configuration (Redis keeps a bucket's configuration with its state).
     */
    String storageName() {
        return name + ":" + capacity + "/" + period.toSeconds();
    }
}
