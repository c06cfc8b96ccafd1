package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class ConcurrentRegistrationTests {

    private static final int CLIENTS = 20;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twentySimultaneousSignUpsWithOneEmailInDifferentCasesCreateOneAccount() throws Exception {
        var local = "race" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        var email = local + "@example.com";
        var start = new CountDownLatch(1);
        var attempts = new ArrayList<Callable<Api.Response>>();
        for (int i = 0; i < CLIENTS; i++) {
            var body = Accounts.registration("BUYER"); // a distinct username each, so only the email collides
            body.put("email", mixedCase(email, i));
            var client = new Api(port); // own address each: the per-address limit stays out of the way
            attempts.add(() -> {
                start.await();
                return client.post("/api/v1/auth/register").json(body).send();
            });
        }

        var pool = Executors.newFixedThreadPool(CLIENTS);
        var responses = new ArrayList<Api.Response>();
        try {
            var futures = attempts.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(response -> response.status() != 201)
                .hasSize(CLIENTS - 1)
                .allSatisfy(response -> {
                    assertThat(response.status()).as(response.toString()).isEqualTo(409);
                    assertThat(response.code()).isEqualTo("email_taken");
                });
        var rows = jdbc.sql("select email from users where lower(email) = lower(?)")
                .param(email)
                .query(String.class)
                .list();
        assertThat(rows).containsExactly(email);
        var winner = responses.stream()
                .filter(response -> response.status() == 201)
                .findFirst()
                .orElseThrow();
        var signedIn = Accounts.login(new Api(port), email.toUpperCase(Locale.ROOT), null);
        assertThat(signedIn.id().toString())
                .isEqualTo(winner.json().get("user").get("id").asString());
    }

    /** {@code email} with its letters upper-cased by the bits of {@code variant}, so each client sends another form. */
    private static String mixedCase(String email, int variant) {
        var chars = email.toCharArray();
        int bit = 0;
        for (int i = 0; i < chars.length && bit < 8; i++) {
            if (Character.isLetter(chars[i])) {
                if ((variant >> bit & 1) == 1) {
                    chars[i] = Character.toUpperCase(chars[i]);
                }
                bit++;
            }
        }
        return variant >= 256 ? email.toUpperCase(Locale.ROOT) : new String(chars);
    }
}
