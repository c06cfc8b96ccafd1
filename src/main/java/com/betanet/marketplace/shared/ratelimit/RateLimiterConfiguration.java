package com.betanet.marketplace.shared.ratelimit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's {@link RateLimiter}: Redis when {@code marketplace.redis-url} ({@code MARKETPLACE_REDIS_URL}) is
 * set, in-process otherwise. No Redis health indicator is registered: the limiter fails open, so a Redis outage
 * should not take a node out of the load balancer, and without Redis configured there is nothing to check.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimiterConfiguration.class);

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(@Value("${marketplace.redis-url:}") String redisUrl) {
        if (redisUrl.isBlank()) {
            log.info("Rate limits are kept in this process (set MARKETPLACE_REDIS_URL to share them between nodes)");
            return RateLimiter.inProcess();
        }
        log.info("Rate limits are shared through Redis");
        return RateLimiter.sharedThroughRedis(redisUrl.strip());
    }
}
