/**
 * Rate limits on Bucket4j token buckets: {@link com.betanet.marketplace.shared.ratelimit.RateLimiter} with named
 * {@link com.betanet.marketplace.shared.ratelimit.RateLimit}s, kept in Redis when {@code marketplace.redis-url} is
 * set (so every node enforces one shared limit) and in a bounded in-process cache otherwise.
 */
@NullMarked
package com.betanet.marketplace.shared.ratelimit;

import org.jspecify.annotations.NullMarked;
