package com.betanet.marketplace.identity.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.IntegrationTest;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per-request account check as another node sees it: a suspension made elsewhere reaches this node's cache
 * within {@link AccountStatusCheck#TTL}, well inside the 60 seconds the contract promises.
 */
@IntegrationTest
class SuspensionCacheTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSuspensionMadeOnAnotherNodeBitesOnceTheCachedStateExpires() {
        var member = Accounts.buyer(new Api(port));
        var caller = new CurrentUser(member.id(), Set.of(Role.BUYER), null);
        var now = new AtomicLong();
        Ticker ticker = now::get;
        var otherNode = new AccountStatusCheck(jdbc, ticker);
        otherNode.check(caller); // caches "active"

        jdbc.sql("update users set suspended_at = now() where id = ?")
                .param(member.id())
                .update();

        assertThatCode(() -> otherNode.check(caller))
                .as("still cached as active")
                .doesNotThrowAnyException();
        now.addAndGet(AccountStatusCheck.TTL.plusSeconds(1).toNanos());
        assertThatThrownBy(() -> otherNode.check(caller))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.code()).isEqualTo("account_suspended"));
        assertThat(AccountStatusCheck.TTL).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aTokenOfAnAccountThatNoLongerExistsIsRefused() {
        var check = new AccountStatusCheck(jdbc);
        var ghost = new CurrentUser(UUID.randomUUID(), Set.of(Role.BUYER), null);

        assertThatThrownBy(() -> check.check(ghost))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refused -> assertThat(refused.status().value()).isEqualTo(401));
    }
}
