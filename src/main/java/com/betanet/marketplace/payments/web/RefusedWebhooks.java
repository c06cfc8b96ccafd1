package com.betanet.marketplace.payments.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Notes the webhook calls refused before anything was recorded (a wrong secret, a bad signature, an unreadable body).
 * Anyone can send them, as fast as they like: each is counted ({@code marketplace.payments.webhooks.refused}, by
 * webhook and reason), but a webhook's refusals are logged at most once a {@link #LOG_EVERY}, the line saying how many
 * went unlogged since the last one, so that a flood of forged calls cannot flood the log.
 */
@Component
class RefusedWebhooks {

    private static final Logger log = LoggerFactory.getLogger(RefusedWebhooks.class);
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<String, Logged> logged = new ConcurrentHashMap<>();

    RefusedWebhooks(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** When the webhook's refusals were last logged, and how many were not since. */
    private static final class Logged {
        final AtomicReference<Instant> at = new AtomicReference<>(Instant.MIN);
        final AtomicLong unlogged = new AtomicLong();
    }

    /**
     * Counts a refused call and logs it unless one of this webhook's was logged less than {@link #LOG_EVERY} ago.
     *
     * @param webhook a constant naming the webhook ({@code stripe}, {@code mpesa-stk}, …), never input
     * @param reason a constant naming why ({@code invalid_signature}, {@code wrong_secret}, …), never input
     */
    void refused(String webhook, String reason, String detail) {
        Counter.builder("marketplace.payments.webhooks.refused")
                .description("Webhook calls refused before anything was recorded: wrong secret, bad signature,"
                        + " unreadable body")
                .tag("webhook", webhook)
                .tag("reason", reason)
                .register(registry)
                .increment();
        var state = logged.computeIfAbsent(webhook, any -> new Logged());
        var now = clock.instant();
        var last = state.at.get();
        if (now.isBefore(last.plus(LOG_EVERY)) || !state.at.compareAndSet(last, now)) {
            state.unlogged.incrementAndGet();
            return;
        }
        var unlogged = state.unlogged.getAndSet(0);
        if (unlogged == 0) {
            log.warn("{} webhook call refused ({}): {}", webhook, reason, detail);
        } else {
            log.warn(
                    "{} webhook call refused ({}): {}; {} more refused since the last such line",
                    webhook,
                    reason,
                    detail,
                    unlogged);
        }
    }
}
