package com.betanet.marketplace.shared.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in this JVM, in one Caffeine cache per limit. A bucket left alone for a whole period has refilled
 * completely, so expiring it after that long loses nothing; the size bound keeps a flood of distinct keys (spoofed
 * addresses, made-up emails) from growing memory without limit, at the price of forgetting the least recently used
 * buckets under such a flood.
 */
final class InProcessBucketStore implements BucketStore {

    private final long maximumKeysPerLimit;
    private final ConcurrentMap<String, Cache<String, Bucket>> caches = new ConcurrentHashMap<>();

    InProcessBucketStore(long maximumKeysPerLimit) {
        this.maximumKeysPerLimit = maximumKeysPerLimit;
    }

    @Override
    public Bucket bucket(RateLimit limit, String key) {
        return cache(limit)
                .get(key, unused -> Bucket.builder().addLimit(limit.bandwidth()).build());
    }

    @Override
    public void forget(RateLimit limit, String key) {
        cache(limit).invalidate(key);
    }

    long size(RateLimit limit) {
        var cache = cache(limit);
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Cache<String, Bucket> cache(RateLimit limit) {
        return caches.computeIfAbsent(
                limit.storageName(),
                unused -> Caffeine.newBuilder()
                        .maximumSize(maximumKeysPerLimit)
                        .expireAfterAccess(limit.period())
                        .build());
    }

    @Override
    public void close() {
        caches.clear();
    }
}
