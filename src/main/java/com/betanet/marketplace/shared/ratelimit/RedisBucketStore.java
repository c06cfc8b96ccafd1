package com.betanet.marketplace.shared.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap in Lua), so every node that points at
 * the same Redis enforces one limit. Keys expire once their bucket would be full again, so Redis holds only the
 * buckets in use.
 *
 * <p>Redis sits on the request path, so every wait is short: one second to connect or answer, commands refused at
 * once while the connection is down (instead of queued), and no new connection attempt for a few seconds after a
 * failed one. Failures surface as {@link RedisException}, which {@link RateLimiter} turns into "allowed".
 */
final class RedisBucketStore implements BucketStore {

    static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(5);
    private static final String PREFIX = "betanet:ratelimit:";

    private final RedisClient client;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile @Nullable Connected connected;
    private volatile long nextAttemptNanos = System.nanoTime();

    private record Connected(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> buckets) {}

    RedisBucketStore(String url) {
        var uri = RedisURI.create(url);
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    @Override
    public Bucket bucket(RateLimit limit, String key) {
        return buckets().getProxy(PREFIX + limit.storageName() + ":" + key, limit::configuration);
    }

    @Override
    public void forget(RateLimit limit, String key) {
        buckets().removeProxy(PREFIX + limit.storageName() + ":" + key);
    }

    /** Connects on first use rather than at start-up, so a node starts (and fails open) while Redis is down. */
    private ProxyManager<String> buckets() {
        var current = connected;
        if (current != null) {
            return current.buckets();
        }
        connecting.lock();
        try {
            current = connected;
            if (current != null) {
                return current.buckets();
            }
            if (System.nanoTime() - nextAttemptNanos < 0) {
                throw new RedisConnectionException("Redis was unreachable moments ago; not trying again yet");
            }
            try {
                var connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofSeconds(10)))
                        .requestTimeout(TIMEOUT)
                        .build();
                connected = new Connected(connection, buckets);
                return buckets;
            } catch (RedisException unreachable) {
                nextAttemptNanos = System.nanoTime() + RECONNECT_PAUSE.toNanos();
                throw unreachable;
            }
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public void close() {
        var current = connected;
        if (current != null) {
            current.connection().close();
        }
        client.shutdown();
    }
}
