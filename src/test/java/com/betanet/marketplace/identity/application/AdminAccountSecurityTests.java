package com.betanet.marketplace.identity.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.identity.domain.UsernamePolicy;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The admin account from configuration, including several nodes starting at once. */
@IntegrationTest
class AdminAccountSecurityTests {

    private static final String ADMIN_PASSWORD = "a-long-admin-passphrase";

    @LocalServerPort
    int port;

    @Value("${marketplace.admin.email}")
    String configuredEmail;

    @Autowired
    AdminAccountInitializer initializer;

    @Autowired
    UserRepository users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theConfiguredAdminExistsWithAUsernameThatPassesThePolicy() {
        var admin = users.findByEmail(configuredEmail).orElseThrow();
        assertThat(admin.roles()).containsExactlyInAnyOrder(Role.BUYER, Role.ADMIN);
        assertThat(admin.emailVerified()).isTrue();
        assertThat(admin.username()).isEqualTo(AdminAccountInitializer.USERNAME);
        assertThat(UsernamePolicy.problemWith(admin.username())).isEmpty();
    }

    @Test
    void nodesStartingTogetherCreateOneAdminAccount() throws Exception {
        var email = "admin-" + UUID.randomUUID() + "@example.com";
        var start = new CountDownLatch(1);
        var nodes = new ArrayList<Callable<UUID>>();
        for (int i = 0; i < 4; i++) {
            nodes.add(() -> {
                start.await();
                return initializer.ensureAdmin(email, ADMIN_PASSWORD);
            });
        }
        var pool = Executors.newFixedThreadPool(4);
        var ids = new ArrayList<UUID>();
        try {
            var futures = nodes.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                ids.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ids).hasSize(4).containsOnly(ids.get(0));
        var rows = jdbc.sql("select count(*) from users where lower(email) = lower(?)")
                .param(email)
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(1);
        var session = Accounts.login(new Api(port), email, ADMIN_PASSWORD);
        assertThat(session.body().get("user").get("roles").toString()).contains("ADMIN");
        assertThat(session.body().get("user").get("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void anExistingAccountBecomesAdminAndTakesTheConfiguredPasswordOnlyWhenItDiffers() {
        var api = new Api(port);
        var member = Accounts.buyer(api);

        var id = initializer.ensureAdmin(member.email().toUpperCase(), ADMIN_PASSWORD);

        assertThat(id).isEqualTo(member.id());
        var user = users.findById(id).orElseThrow();
        assertThat(user.roles()).contains(Role.ADMIN);
        assertThat(user.emailVerified()).isTrue();
        assertThat(api.post("/api/v1/auth/login")
                        .json(Map.of("email", member.email(), "password", Accounts.PASSWORD))
                        .send()
                        .status())
                .as("the old password is gone")
                .isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh")
                        .json(Map.of("refreshToken", member.refreshToken()))
                        .send()
                        .status())
                .as("sessions from before the password change are ended")
                .isEqualTo(401);
        var admin = Accounts.login(api, member.email(), ADMIN_PASSWORD);
        var hash = user.passwordHash();

        initializer.ensureAdmin(member.email(), ADMIN_PASSWORD);

        assertThat(users.findById(id).orElseThrow().passwordHash())
                .as("an unchanged password is not rehashed")
                .isEqualTo(hash);
        assertThat(api.post("/api/v1/auth/refresh")
                        .json(Map.of("refreshToken", admin.refreshToken()))
                        .send()
                        .status())
                .as("and sessions are kept")
                .isEqualTo(200);
    }

    @Test
    void refusesAWeakOrMalformedConfiguration() {
        assertThatThrownBy(() -> initializer.ensureAdmin("admin-weak@example.com", "password"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MARKETPLACE_ADMIN_PASSWORD");
        assertThatThrownBy(() -> initializer.ensureAdmin("not an email", ADMIN_PASSWORD))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MARKETPLACE_ADMIN_EMAIL");
        assertThat(users.findByEmail("admin-weak@example.com")).isEmpty();
    }
}
