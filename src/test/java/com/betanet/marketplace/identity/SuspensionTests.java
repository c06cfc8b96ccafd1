package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.application.SuspensionService;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class SuspensionTests {

    @LocalServerPort
    int port;

    @Value("${marketplace.admin.email}")
    String adminEmail;

    @Value("${marketplace.admin.password}")
    String adminPassword;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SuspensionService suspensions;

    @Autowired
    ApplicationEvents events;

    Api api;
    Accounts.Session admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = Accounts.login(api, adminEmail, adminPassword);
    }

    @Test
    void theConfiguredAdminSignsInWithTheAdminRole() {
        var user = admin.body().get("user");
        assertThat(user.get("roles").toString()).isEqualTo("[\"BUYER\",\"ADMIN\"]");
        assertThat(user.get("emailVerified").asBoolean()).isTrue();
        assertThat(user.get("email").asString()).isEqualTo(adminEmail);
        assertThat(user.get("username").asString()).isEqualTo("marketplace_admin");
    }

    @Test
    void aSuspendedAccountLosesLoginRefreshAndItsAccessTokensUntilReinstated() {
        var member = Accounts.buyer(api.fromAnotherIp());
        var laptop = Accounts.login(api.fromAnotherIp(), member.email(), null);
        assertThat(authenticatedCall(member.accessToken()).status()).isEqualTo(204); // state cached as active

        var suspend = api.post("/api/v1/admin/users/" + member.id() + "/suspend")
                .bearer(admin.accessToken())
                .send();

        assertThat(suspend.status()).as(suspend.toString()).isEqualTo(204);
        assertThat(suspendedAt(member.id())).isTrue();
        assertThat(liveFamilies(member.id())).as("every sign-in ended").isZero();
        assertSuspended(authenticatedCall(member.accessToken()));
        assertSuspended(authenticatedCall(laptop.accessToken()));
        assertSuspended(login(member.email()));
        assertSuspended(refresh(member.refreshToken()));
        assertSuspended(refresh(laptop.refreshToken()));
        var again = api.post("/api/v1/admin/users/" + member.id() + "/suspend")
                .bearer(admin.accessToken())
                .send();
        assertThat(again.status()).as("suspending twice is harmless").isEqualTo(204);

        var reinstate = api.post("/api/v1/admin/users/" + member.id() + "/reinstate")
                .bearer(admin.accessToken())
                .send();

        assertThat(reinstate.status()).as(reinstate.toString()).isEqualTo(204);
        assertThat(suspendedAt(member.id())).isFalse();
        assertThat(authenticatedCall(member.accessToken()).status())
                .as("an access token still within its lifetime works again")
                .isEqualTo(204);
        var ended = refresh(member.refreshToken());
        assertThat(ended.status())
                .as("sessions ended by the suspension stay ended")
                .isEqualTo(401);
        assertThat(ended.code()).isEqualTo("invalid_refresh_token");
        var fresh = login(member.email());
        assertThat(fresh.status()).isEqualTo(200);
        var session = Accounts.session(fresh.json());
        var refreshed = refresh(session.refreshToken());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(authenticatedCall(Accounts.session(refreshed.json()).accessToken())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void suspensionPublishesUserSuspendedAndReinstatementUserReinstated() {
        var member = Accounts.buyer(api.fromAnotherIp());

        suspensions.suspend(admin.id(), member.id());
        suspensions.suspend(admin.id(), member.id());
        suspensions.reinstate(member.id());

        assertThat(events.stream(UserSuspended.class)
                        .filter(event -> event.userId().equals(member.id())))
                .as("one event per actual change")
                .hasSize(1);
        assertThat(events.stream(UserReinstated.class)
                        .filter(event -> event.userId().equals(member.id())))
                .hasSize(1);
    }

    @Test
    void onlyAdminsMaySuspend() {
        var member = Accounts.buyer(api.fromAnotherIp());
        var target = Accounts.buyer(api.fromAnotherIp());

        var byMember = api.post("/api/v1/admin/users/" + target.id() + "/suspend")
                .bearer(member.accessToken())
                .send();
        var reinstateByMember = api.post("/api/v1/admin/users/" + target.id() + "/reinstate")
                .bearer(member.accessToken())
                .send();
        var anonymous =
                api.post("/api/v1/admin/users/" + target.id() + "/suspend").send();

        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.code()).isEqualTo("forbidden");
        assertThat(reinstateByMember.status()).isEqualTo(403);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(suspendedAt(target.id())).isFalse();
        assertThat(login(target.email()).status()).isEqualTo(200);
    }

    @Test
    void unknownOrMalformedIdsAndSelfSuspensionAreRefused() {
        var unknown = api.post("/api/v1/admin/users/" + UUID.randomUUID() + "/suspend")
                .bearer(admin.accessToken())
                .send();
        var unknownReinstate = api.post("/api/v1/admin/users/" + UUID.randomUUID() + "/reinstate")
                .bearer(admin.accessToken())
                .send();
        var malformed = api.post("/api/v1/admin/users/not-a-uuid/suspend")
                .bearer(admin.accessToken())
                .send();
        var self = api.post("/api/v1/admin/users/" + admin.id() + "/suspend")
                .bearer(admin.accessToken())
                .send();

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not_found");
        assertThat(unknownReinstate.status()).isEqualTo(404);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("validation_failed");
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.code()).isEqualTo("cannot_suspend_self");
        assertThat(suspendedAt(admin.id())).isFalse();
        assertThat(authenticatedCall(admin.accessToken()).status()).isEqualTo(204);
    }

    @Test
    void theApiDocumentListsTheAdminEndpointsAndTheirCodes() {
        var docs = api.get("/v3/api-docs").send();
        assertThat(docs.status()).isEqualTo(200);
        var suspend =
                docs.json().get("paths").get("/api/v1/admin/users/{id}/suspend").get("post");
        assertThat(suspend.get("responses").toString()).contains("cannot_suspend_self");
        assertThat(suspend.get("security")).isNotNull();
    }

    private void assertSuspended(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("account_suspended");
    }

    private Api.Response authenticatedCall(String accessToken) {
        return api.post("/api/v1/auth/logout")
                .bearer(accessToken)
                .json(Map.of("refreshToken", "not-a-real-token"))
                .send();
    }

    private Api.Response login(String email) {
        return api.fromAnotherIp()
                .post("/api/v1/auth/login")
                .json(Map.of("email", email, "password", Accounts.PASSWORD))
                .send();
    }

    private Api.Response refresh(String token) {
        return api.fromAnotherIp()
                .post("/api/v1/auth/refresh")
                .json(Map.of("refreshToken", token))
                .send();
    }

    private boolean suspendedAt(UUID userId) {
        return jdbc.sql("select suspended_at is not null from users where id = ?")
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    private long liveFamilies(UUID userId) {
        return jdbc.sql("select count(*) from refresh_token_families where user_id = ? and revoked_at is null")
                .param(userId)
                .query(Long.class)
                .single();
    }
}
