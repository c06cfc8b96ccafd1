package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.TestMailServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class PasswordResetTests extends HttpTest {

    static final String RESET_SUBJECT = "Reset your";
    static final String NEW_PASSWORD = "a-brand-new-passphrase";

    @Autowired
    JdbcClient jdbc;

    @Test
    void resetsThePasswordOnceThroughTheMailedLink() {
        var account = Accounts.buyer(api);
        var otherDevice = Accounts.login(api.fromAnotherIp(), account.email(), null);

        var forgot = api.post("/api/v1/auth/password/forgot")
                .json(Map.of("email", "  " + account.email().toUpperCase() + " "))
                .send();
        assertThat(forgot.status()).as(forgot.toString()).isEqualTo(202);

        var mail = TestMailServer.awaitMail(account.email(), RESET_SUBJECT);
        assertThat(mail.from()).contains("no-reply@betanet.local");
        assertThat(mail.body()).contains("http://localhost:3000/reset-password?token=");
        var token = mail.token("/reset-password");

        var reset = reset(token, NEW_PASSWORD);
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);

        assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
        var old = login(account.email(), Accounts.PASSWORD);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.code()).isEqualTo("invalid_credentials");
        for (var refreshToken : new String[] {account.refreshToken(), otherDevice.refreshToken()}) {
            var refreshed = api.post("/api/v1/auth/refresh")
                    .json(Map.of("refreshToken", refreshToken))
                    .send();
            assertThat(refreshed.status())
                    .as("sessions from before the reset end")
                    .isEqualTo(401);
        }

        var again = reset(token, "yet-another-passphrase");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("invalid_reset_token");
        assertThat(login(account.email(), NEW_PASSWORD).status())
                .as("the spent token changed nothing")
                .isEqualTo(200);

        var session = Accounts.login(api, account.email(), NEW_PASSWORD);
        var me =
                api.get("/api/v1/users/me").bearer(session.accessToken()).send().json();
        assertThat(me.get("emailVerified").asBoolean())
                .as("the reset link reached the address")
                .isTrue();
        TestMailServer.awaitMail(account.email(), "Your password was changed");
    }

    @Test
    void aResetKillsTheUsersOtherResetLinks() {
        var account = Accounts.buyer(api);
        forgot(account.email());
        var first = TestMailServer.awaitMail(account.email(), RESET_SUBJECT, 1).token("/reset-password");
        forgot(account.email());
        var second = TestMailServer.awaitMail(account.email(), RESET_SUBJECT, 2).token("/reset-password");
        assertThat(second).isNotEqualTo(first);

        assertThat(reset(second, NEW_PASSWORD).status()).isEqualTo(204);

        var older = reset(first, "yet-another-passphrase");
        assertThat(older.status()).isEqualTo(400);
        assertThat(older.code()).isEqualTo("invalid_reset_token");
        assertThat(login(account.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void forgotForAnUnknownAddressAnswersTheSameAndMailsNothing() {
        var unknown = "nobody-" + Accounts.registration("BUYER").get("email");
        var known = Accounts.buyer(api);

        var forUnknown = forgot(unknown);
        var forKnown = forgot(known.email());

        assertThat(forUnknown.status()).isEqualTo(forKnown.status()).isEqualTo(202);
        assertThat(forUnknown.text()).isEqualTo(forKnown.text());
        TestMailServer.awaitMail(known.email(), RESET_SUBJECT);
        // The listener handled the unknown address too (its outbox entry, written before the 202, is completed and
        // removed), and sent nothing.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("""
                        select count(*) from event_publication
                         where serialized_event like ? and completion_date is null
                        """)
                                .param("%" + unknown + "%")
                                .query(Integer.class)
                                .single()
                        == 0);
        assertThat(TestMailServer.mailsTo(unknown)).isEmpty();
    }

    @Test
    void aWeakNewPasswordIsRefusedWithoutSpendingTheLink() {
        var account = Accounts.buyer(api);
        forgot(account.email());
        var token = TestMailServer.awaitMail(account.email(), RESET_SUBJECT).token("/reset-password");

        var weak = reset(token, "password");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.code()).isEqualTo("validation_failed");
        assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(login(account.email(), Accounts.PASSWORD).status()).isEqualTo(200);

        assertThat(reset(token, NEW_PASSWORD).status()).isEqualTo(204);
    }

    @Test
    void refusesTokensThatAreNotResetTokens() {
        var account = Accounts.buyer(api);
        var verification =
                TestMailServer.awaitMail(account.email(), "Confirm your email").token("/verify-email");

        for (var token : new String[] {"not-a-token", verification}) {
            var response = reset(token, NEW_PASSWORD);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid_reset_token");
        }
        assertThat(login(account.email(), Accounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void refusesMalformedRequests() {
        for (var body : new Object[] {
            Map.of(), Map.of("email", "not-an-email"), Map.of("email", 42), Map.of("email", "a@b.co", "x", 1), "{"
        }) {
            var response = api.post("/api/v1/auth/password/forgot").json(body).send();
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        var hugeToken = "x".repeat(10_000);
        for (var response : new Api.Response[] {
            api.post("/api/v1/auth/password/reset")
                    .json(Map.of("token", hugeToken, "newPassword", NEW_PASSWORD))
                    .send(),
            api.post("/api/v1/auth/email/verify")
                    .json(Map.of("token", hugeToken))
                    .send()
        }) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("token");
        }
        var noToken = api.post("/api/v1/auth/password/reset")
                .json(Map.of("newPassword", NEW_PASSWORD))
                .send();
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.code()).isEqualTo("validation_failed");
    }

    private Api.Response forgot(String email) {
        return api.post("/api/v1/auth/password/forgot")
                .json(Map.of("email", email))
                .send();
    }

    private Api.Response reset(String token, String newPassword) {
        return api.post("/api/v1/auth/password/reset")
                .json(Map.of("token", token, "newPassword", newPassword))
                .send();
    }

    private Api.Response login(String email, String password) {
        return api.fromAnotherIp()
                .post("/api/v1/auth/login")
                .json(Map.of("email", email, "password", password))
                .send();
    }
}
