package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.TestMailServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailChangeTests extends HttpTest {

    static final String CONFIRM_SUBJECT = "Confirm your new email address";

    @Test
    void movesTheAccountToTheNewAddressOnlyOnceTheLinkIsUsed() {
        var account = Accounts.buyer(api);
        var newEmail = freshEmail();

        var request = changeEmail(account, newEmail.toUpperCase(), Accounts.PASSWORD);
        assertThat(request.status()).as(request.toString()).isEqualTo(202);

        var mail = TestMailServer.awaitMail(newEmail, CONFIRM_SUBJECT);
        var token = mail.token("/verify-email");
        var notice = TestMailServer.awaitMail(account.email(), "about to change");
        assertThat(notice.body()).contains(newEmail).doesNotContain(token);

        assertThat(me(account).get("email").asString()).isEqualTo(account.email());
        assertThat(login(account.email()).status())
                .as("old address until confirmed")
                .isEqualTo(200);
        assertThat(login(newEmail).status()).isEqualTo(401);

        var verified = verify(token);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);

        var me = me(account);
        assertThat(me.get("email").asString()).isEqualTo(newEmail);
        assertThat(me.get("emailVerified").asBoolean()).isTrue();
        assertThat(login(newEmail).status()).isEqualTo(200);
        assertThat(login(account.email()).status()).isEqualTo(401);
        assertThat(verify(token).code()).isEqualTo("invalid_verification_token");
    }

    @Test
    void refusesAnAddressAnotherAccountHasInAnyCase() {
        var account = Accounts.buyer(api);
        var other = Accounts.buyer(api);

        var response = changeEmail(account, other.email().toUpperCase(), Accounts.PASSWORD);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("email_taken");
    }

    @Test
    void refusesWhenTheAddressWasTakenBeforeTheLinkIsUsed() {
        var account = Accounts.buyer(api);
        var newEmail = freshEmail();
        changeEmail(account, newEmail, Accounts.PASSWORD);
        var token = TestMailServer.awaitMail(newEmail, CONFIRM_SUBJECT).token("/verify-email");
        var registration = Accounts.registration("BUYER");
        registration.put("email", newEmail);
        Accounts.register(api, registration);

        var verified = verify(token);

        assertThat(verified.status()).isEqualTo(409);
        assertThat(verified.code()).isEqualTo("email_taken");
        assertThat(me(account).get("email").asString()).isEqualTo(account.email());
    }

    @Test
    void refusesAWrongPasswordAndMailsNothing() {
        var account = Accounts.buyer(api);
        var newEmail = freshEmail();

        var response = changeEmail(account, newEmail, "not-my-password");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_credentials");
        var control = freshEmail();
        changeEmail(account, control, Accounts.PASSWORD);
        TestMailServer.awaitMail(control, CONFIRM_SUBJECT);
        assertThat(TestMailServer.mailsTo(newEmail)).isEmpty();
    }

    @Test
    void linksMailedToTheOldAddressDieWithTheChange() {
        var account = Accounts.buyer(api);
        api.post("/api/v1/auth/password/forgot")
                .json(Map.of("email", account.email()))
                .send();
        var resetToken = TestMailServer.awaitMail(account.email(), "Reset your").token("/reset-password");
        var newEmail = freshEmail();
        changeEmail(account, newEmail, Accounts.PASSWORD);
        verify(TestMailServer.awaitMail(newEmail, CONFIRM_SUBJECT).token("/verify-email"));

        var reset = api.post("/api/v1/auth/password/reset")
                .json(Map.of("token", resetToken, "newPassword", "a-brand-new-passphrase"))
                .send();

        assertThat(reset.status()).isEqualTo(400);
        assertThat(reset.code()).isEqualTo("invalid_reset_token");
    }

    @Test
    void refusesBadInput() {
        var account = Accounts.buyer(api);
        for (var body : new Object[] {
            Map.of("newEmail", "not-an-email", "password", Accounts.PASSWORD),
            Map.of("newEmail", account.email(), "password", Accounts.PASSWORD),
            Map.of("password", Accounts.PASSWORD),
            Map.of("newEmail", freshEmail(), "password", Accounts.PASSWORD, "email", "x@example.com")
        }) {
            var response = api.post("/api/v1/users/me/email")
                    .bearer(account.accessToken())
                    .json(body)
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        assertThat(api.post("/api/v1/users/me/email")
                        .json(Map.of("newEmail", freshEmail(), "password", Accounts.PASSWORD))
                        .send()
                        .status())
                .isEqualTo(401);
    }

    private static String freshEmail() {
        return "new-" + Accounts.registration("BUYER").get("email");
    }

    private Api.Response changeEmail(Accounts.Session account, String newEmail, String password) {
        return api.post("/api/v1/users/me/email")
                .bearer(account.accessToken())
                .json(Map.of("newEmail", newEmail, "password", password))
                .send();
    }

    private Api.Response verify(String token) {
        return api.post("/api/v1/auth/email/verify")
                .json(Map.of("token", token))
                .send();
    }

    private Api.Response login(String email) {
        return api.fromAnotherIp()
                .post("/api/v1/auth/login")
                .json(Map.of("email", email, "password", Accounts.PASSWORD))
                .send();
    }

    private tools.jackson.databind.JsonNode me(Accounts.Session account) {
        var response = api.get("/api/v1/users/me").bearer(account.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
