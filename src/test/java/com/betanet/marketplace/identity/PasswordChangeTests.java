package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.TestMailServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordChangeTests extends HttpTest {

    static final String NEW_PASSWORD = "a-brand-new-passphrase";

    @Test
    void endsEveryOtherSessionButKeepsTheCallers() {
        var caller = Accounts.buyer(api);
        var otherDevice = Accounts.login(api.fromAnotherIp(), caller.email(), null);

        var changed = changePassword(caller, Accounts.PASSWORD, NEW_PASSWORD);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);

        var other = refresh(otherDevice.refreshToken());
        assertThat(other.status()).isEqualTo(401);
        assertThat(other.code()).isEqualTo("invalid_refresh_token");
        var own = refresh(caller.refreshToken());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);

        assertThat(login(caller.email(), NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(login(caller.email(), Accounts.PASSWORD).status()).isEqualTo(401);
        var notice = TestMailServer.awaitMail(caller.email(), "Your password was changed");
        assertThat(notice.body()).doesNotContain(NEW_PASSWORD);
    }

    @Test
    void refusesAWrongCurrentPasswordAndChangesNothing() {
        var caller = Accounts.buyer(api);
        var otherDevice = Accounts.login(api.fromAnotherIp(), caller.email(), null);

        var response = changePassword(caller, "not-my-password", NEW_PASSWORD);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("invalid_credentials");
        assertThat(login(caller.email(), Accounts.PASSWORD).status()).isEqualTo(200);
        assertThat(refresh(otherDevice.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void appliesThePasswordPolicy() {
        var caller = Accounts.buyer(api);
        for (var weak : new String[] {"short", "password123", "x".repeat(129)}) {
            var response = changePassword(caller, Accounts.PASSWORD, weak);
            assertThat(response.status()).as(weak).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("newPassword");
        }
        assertThat(login(caller.email(), Accounts.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void needsASignedInCaller() {
        var response = api.post("/api/v1/users/me/password")
                .json(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", NEW_PASSWORD))
                .send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isPresent();
    }

    private Api.Response changePassword(Accounts.Session caller, String current, String next) {
        return api.post("/api/v1/users/me/password")
                .bearer(caller.accessToken())
                .json(Map.of("currentPassword", current, "newPassword", next))
                .send();
    }

    private Api.Response refresh(String refreshToken) {
        return api.fromAnotherIp()
                .post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", refreshToken))
                .send();
    }

    private Api.Response login(String email, String password) {
        return api.fromAnotherIp()
                .post("/api/v1/auth/login")
                .json(Map.of("email", email, "password", password))
                .send();
    }
}
