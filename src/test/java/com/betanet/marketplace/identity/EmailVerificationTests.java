package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.identity.application.EmailChangeRequested;
import com.betanet.marketplace.identity.application.EmailVerificationRequested;
import com.betanet.marketplace.identity.application.PasswordResetRequested;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.TestMailServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;

class EmailVerificationTests extends HttpTest {

    static final String VERIFY_SUBJECT = "Confirm your email address";

    @Autowired
    EventSerializer serializer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void verifiesTheAddressWithTheLinkMailedOnSignUp() {
        var account = Accounts.buyer(api);

        var mail = TestMailServer.awaitMail(account.email(), VERIFY_SUBJECT);
        assertThat(mail.body()).contains("http://localhost:3000/verify-email?token=");
        var token = mail.token("/verify-email");
        assertThat(me(account).get("emailVerified").asBoolean()).isFalse();

        var verified = verify(token);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
        assertThat(me(account).get("emailVerified").asBoolean()).isTrue();

        var again = verify(token);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("invalid_verification_token");
    }

    @Test
    void resendMailsANewLinkUntilTheAddressIsVerified() {
        var account = Accounts.buyer(api);
        var first = TestMailServer.awaitMail(account.email(), VERIFY_SUBJECT, 1).token("/verify-email");

        var resend = api.post("/api/v1/auth/email/resend")
                .bearer(account.accessToken())
                .send();
        assertThat(resend.status()).as(resend.toString()).isEqualTo(202);
        var second =
                TestMailServer.awaitMail(account.email(), VERIFY_SUBJECT, 2).token("/verify-email");
        assertThat(second).isNotEqualTo(first);

        assertThat(verify(second).status()).isEqualTo(204);
        assertThat(verify(first).code())
                .as("the other links die once the address is verified")
                .isEqualTo("invalid_verification_token");

        var afterVerified = api.post("/api/v1/auth/email/resend")
                .bearer(account.accessToken())
                .send();
        assertThat(afterVerified.status()).isEqualTo(202);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> TestMailServer.withSubject(account.email(), VERIFY_SUBJECT)
                                .size()
                        == 2);
    }

    @Test
    void refusesUnknownTokensAndTokensOfAnotherKind() {
        var account = Accounts.buyer(api);
        api.post("/api/v1/auth/password/forgot")
                .json(Map.of("email", account.email()))
                .send();
        var resetToken = TestMailServer.awaitMail(account.email(), "Reset your").token("/reset-password");

        for (var token : List.of("unknown-token", resetToken)) {
            var response = verify(token);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid_verification_token");
        }
        assertThat(me(account).get("emailVerified").asBoolean()).isFalse();
        var reset = api.post("/api/v1/auth/password/reset")
                .json(Map.of("token", resetToken, "newPassword", "a-brand-new-passphrase"))
                .send();
        assertThat(reset.status())
                .as("a refused verification leaves the reset link alive")
                .isEqualTo(204);
    }

    @Test
    void resendNeedsASignedInUserAndVerifyNeedsAToken() {
        assertThat(api.post("/api/v1/auth/email/resend").send().status()).isEqualTo(401);
        var missing = api.post("/api/v1/auth/email/verify").json(Map.of()).send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("validation_failed");
    }

    @Test
    void mailEventsSurviveTheOutboxSerialisation() {
        var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var id = UUID.randomUUID();
        var events = List.<Object>of(
                new UserRegistered(id, "a@example.com", "alice", at),
                new EmailVerificationRequested(id, at),
                new PasswordResetRequested("a@example.com", at),
                new EmailChangeRequested(id, "a@example.com", "b@example.com", at),
                new PasswordChanged(id, true, at));
        for (var event : events) {
            var serialized = serializer.serialize(event);
            assertThat(serializer.deserialize(serialized, event.getClass())).isEqualTo(event);
        }

        var account = Accounts.buyer(api);
        TestMailServer.awaitMail(account.email(), VERIFY_SUBJECT);
        await().atMost(Duration.ofSeconds(20))
                .alias("the sign-up event's mail publication is completed (and, in delete mode, removed)")
                .until(() -> jdbc.sql("""
                                select count(*) from event_publication
                                 where listener_id like '%AccountMailListener%' and serialized_event like ?
                                   and completion_date is null
                                """)
                                .param("%" + account.id() + "%")
                                .query(Integer.class)
                                .single()
                        == 0);
    }

    private tools.jackson.databind.JsonNode me(Accounts.Session account) {
        var response = api.get("/api/v1/users/me").bearer(account.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private Api.Response verify(String token) {
        return api.post("/api/v1/auth/email/verify")
                .json(Map.of("token", token))
                .send();
    }
}
