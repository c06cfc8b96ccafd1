package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.AccountTokens;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Deletes mailed-link tokens a day after they expired; safe on every node at once (a plain delete). */
@Component
class AccountTokenHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(AccountTokenHousekeeping.class);

    private final AccountTokens tokens;
    private final Clock clock;

    AccountTokenHousekeeping(AccountTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    // A day of grace keeps a recently expired token at hand when someone asks why their link did not work.
    @Scheduled(cron = "${marketplace.account-tokens.purge-cron:0 17 * * * *}")
    @Transactional
    void purgeExpired() {
        int purged = tokens.purgeExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
        if (purged > 0) {
            log.info("Purged {} expired account tokens", purged);
        }
    }
}
