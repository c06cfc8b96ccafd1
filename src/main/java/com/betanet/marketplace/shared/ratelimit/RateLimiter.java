package com.betanet.marketplace.shared.ratelimit;

import com.betanet.marketplace.shared.web.ApiException;
import io.github.bucket4j.Bucket;
import io.lettuce.core.RedisException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts events per key against named {@link RateLimit}s with Bucket4j token buckets. One bean per application
 * ({@code RateLimiterConfiguration}): shared through Redis when {@code marketplace.redis-url} is set, so several
 * nodes enforce one limit, otherwise in this process. Keys (an address, an email) are hashed before they are
 * stored, so Redis holds no personal data.
 *
 * <p>When Redis is configured but fails (down, unreachable, too slow), requests are <b>allowed</b> and a warning is
 * logged: a limiter outage must not take the sign-in endpoints down with it, and the limits are a brake on abuse,
 * not the only defence (passwords are Argon2-hashed, refresh tokens single-use).
 */
public final class RateLimiter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long DEFAULT_MAXIMUM_KEYS = 100_000;
    private static final long WARNING_INTERVAL_NANOS = Duration.ofSeconds(30).toNanos();

    private final BucketStore store;
    private final boolean shared;
    private final AtomicLong lastWarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

    RateLimiter(BucketStore store, boolean shared) {
        this.store = store;
        this.shared = shared;
    }

    /** Buckets in this JVM only, at most 100 000 keys per limit. */
    public static RateLimiter inProcess() {
        return inProcess(DEFAULT_MAXIMUM_KEYS);
    }

    public static RateLimiter inProcess(long maximumKeysPerLimit) {
        return new RateLimiter(new InProcessBucketStore(maximumKeysPerLimit), false);
    }

    /** Buckets in the Redis at {@code url} ({@code redis://[:password@]host:port[/db]}, {@code rediss://} for TLS). */
    public static RateLimiter sharedThroughRedis(String url) {
        return new RateLimiter(new RedisBucketStore(url), true);
    }

    /** Whether several nodes share these limits (Redis). */
    public boolean isShared() {
        return shared;
    }

    /** Counts one event for {@code key}; the decision says whether it was within the limit. */
    public Decision tryAcquire(RateLimit limit, String key) {
        return decide(limit, key, bucket -> {
            var probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed()
                    ? Decision.ALLOWED
                    : Decision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        });
    }

    /** Whether one more event for {@code key} would be within the limit, counting nothing. */
    public Decision check(RateLimit limit, String key) {
        return decide(limit, key, bucket -> {
            var probe = bucket.estimateAbilityToConsume(1);
            return probe.canBeConsumed()
                    ? Decision.ALLOWED
                    : Decision.refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        });
    }

    /** Forgets what was counted for {@code key} (e.g. failed logins, after a successful one). */
    public void forget(RateLimit limit, String key) {
        if (limit.isOff()) {
            return;
        }
        try {
            store.forget(limit, hash(key));
        } catch (RedisException unavailable) {
            warnFailingOpen(limit, unavailable);
        }
    }

    private Decision decide(RateLimit limit, String key, Function<Bucket, Decision> action) {
        if (limit.isOff()) {
            return Decision.ALLOWED;
        }
        try {
            return action.apply(store.bucket(limit, hash(key)));
        } catch (RedisException unavailable) {
            // Fail open (see the class comment): a broken Redis must not turn sign-in into 500s.
            warnFailingOpen(limit, unavailable);
            return Decision.ALLOWED;
        }
    }

    private void warnFailingOpen(RateLimit limit, RedisException cause) {
        long now = System.nanoTime();
        long last = lastWarningNanos.get();
        // One line per interval is enough while Redis is down; a line per request would bury everything else.
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarningNanos.compareAndSet(last, now)) {
            log.warn(
                    "Rate limit '{}' not enforced: Redis is unavailable ({}); allowing requests until it is back",
                    limit.name(),
                    cause.toString());
        }
    }

    static String hash(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        store.close();
    }

    /**
     * The outcome of one check.
     *
     * @param retryAfter how long until an event would be allowed again (zero when allowed)
     */
    public record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        static Decision refused(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }

        /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
            return Math.max(1, seconds);
        }

        /** 429 {@code rate_limited} with {@code Retry-After}, when refused. */
        public void orThrow() {
            if (!allowed) {
                throw ApiException.tooManyRequests(retryAfterSeconds());
            }
        }
    }
}
