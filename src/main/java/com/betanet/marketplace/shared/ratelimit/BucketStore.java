package com.betanet.marketplace.shared.ratelimit;

import io.github.bucket4j.Bucket;

/** Where the token buckets live: one process, or a store every node shares. */
interface BucketStore extends AutoCloseable {

    /** The bucket of {@code key} under {@code limit}, created full on first use. */
    Bucket bucket(RateLimit limit, String key);

    /** Drops the bucket, so the key starts again with a full one. */
    void forget(RateLimit limit, String key);

    @Override
    void close();
}
