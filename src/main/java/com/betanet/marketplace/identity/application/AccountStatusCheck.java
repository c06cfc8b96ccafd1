package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.shared.security.AccessTokenCheck;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses access tokens of suspended (403 {@code account_suspended}) or vanished (401) accounts. Access tokens are
 * stateless and live up to 15 minutes, so this is what makes a suspension bite within the promised 60 seconds: the
 * account's state is cached for at most {@link #TTL} per node (one primary-key read per user per 30 s, not one per
 * request), and the node that suspends or reinstates forgets its entry at once.
 */
@Component
class AccountStatusCheck implements AccessTokenCheck {

    static final Duration TTL = Duration.ofSeconds(30);

    private enum Status {
        ACTIVE,
        SUSPENDED,
        GONE
    }

    private final JdbcClient jdbc;
    private final LoadingCache<UUID, Status> statuses;

    @Autowired
    AccountStatusCheck(JdbcClient jdbc) {
        this(jdbc, Ticker.systemTicker());
    }

    AccountStatusCheck(JdbcClient jdbc, Ticker ticker) {
        this.jdbc = jdbc;
        this.statuses = Caffeine.newBuilder()
                .expireAfterWrite(TTL)
                .maximumSize(100_000)
                .ticker(ticker)
                .build(this::load);
    }

    @Override
    public void check(CurrentUser user) {
        switch (statuses.get(user.id())) {
            case ACTIVE -> {}
            case SUSPENDED -> throw IdentityErrors.accountSuspended();
            case GONE -> throw ApiException.unauthorized("The account of this access token no longer exists");
        }
    }

    /** Drops the cached state of {@code userId}, after a change of it has been committed (here or on another node). */
    @Override
    public void forget(UUID userId) {
        statuses.invalidate(userId);
    }

    private Status load(UUID userId) {
        return jdbc.sql("select suspended_at is not null from users where id = ?")
                .param(userId)
                .query(Boolean.class)
                .optional()
                .map(suspended -> suspended ? Status.SUSPENDED : Status.ACTIVE)
                .orElse(Status.GONE);
    }
}
