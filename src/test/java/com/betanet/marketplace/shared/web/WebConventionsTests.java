package com.betanet.marketplace.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.HttpTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The cross-cutting rules of API.md "Conventions", seen from a client. */
class WebConventionsTests extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyErrorIsAProblemWithCodeAndRequestId() {
        var response = api.post("/api/v1/auth/login").json("{\"email\": ").send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var problem = response.json();
        assertThat(problem.get("code").asString()).isEqualTo("validation_failed");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("requestId").asString())
                .isEqualTo(response.header("X-Request-Id").orElseThrow());
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void theWebAppsOriginMayCallTheApiFromABrowserAndOtherOriginsMayNot() {
        // the front end's origin (MARKETPLACE_FRONTEND_URL, by default the allowed one) asks first: answered
        // before authentication, no token needed for the preflight
        var preflight = api.options("/api/v1/checkouts")
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
                .send();
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(preflight.header("Access-Control-Allow-Methods").orElseThrow())
                .contains("POST");
        assertThat(preflight
                        .header("Access-Control-Allow-Headers")
                        .orElseThrow()
                        .toLowerCase())
                .contains("authorization")
                .contains("idempotency-key");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEmpty();

        // the request itself: the answer (here a 401 problem) carries the origin and the headers a client reads
        var call = api.get("/api/v1/cart")
                .header("Origin", "http://localhost:3000")
                .send();
        assertThat(call.status()).isEqualTo(401);
        assertThat(call.header("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        assertThat(call.header("Access-Control-Expose-Headers").orElseThrow())
                .contains("WWW-Authenticate")
                .contains("Retry-After")
                .contains("X-Request-Id");

        var stranger = api.options("/api/v1/checkouts")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .send();
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(stranger.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void whatAnyoneMayGetAnyoneMayAskForTheHeadersOf() {
        var member = Accounts.buyer(api);
        for (var path : List.of("/api/v1/products", "/api/v1/categories", "/api/v1/users/" + member.username())) {
            var head = api.head(path).send();
            assertThat(head.status()).as("HEAD " + path).isEqualTo(200);
            assertThat(head.raw().body()).isEmpty();
        }
        assertThat(api.head("/api/v1/cart").send().status()).isEqualTo(401);
    }

    @Test
    void aQueryStringThatIsNotPercentEncodedUtf8IsABadRequest() throws IOException {
        for (var query : List.of("q=50%", "q=%FF%FE", "q=%zz", "limit=%FF", "%FF=1")) {
            var response = rawGet("/api/v1/products?" + query);
            assertThat(response).as(query).startsWith("HTTP/1.1 400").contains("\"code\":\"validation_failed\"");
            assertThat(response).doesNotContain("Exception");
        }
        assertThat(rawGet("/api/v1/products?q=%FF")).contains("\"field\":\"q\"");
    }

    @Test
    void aChunkedBodyOverOneMebibyteIs413EvenWhenItIsOneHugeField() throws Exception {
        var admin = com.betanet.marketplace.support.CatalogApiFixtures.admin(api);
        var body = "{\"name\":\"" + "a".repeat(1_100_000) + "\"}";
        // no Content-Length: the size limit is met while Jackson is in the middle of a string field
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/categories"))
                .header("Authorization", "Bearer " + admin.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"payload_too_large\"");
    }

    @Test
    void anyoneMayAskWhichMethodsAPublicResourceAllows() {
        for (var path : List.of("/api/v1/products", "/api/v1/categories")) {
            var options = api.options(path).send();
            assertThat(options.status()).as("OPTIONS " + path).isEqualTo(200);
            assertThat(options.header("Allow").orElseThrow()).contains("GET");
        }
        assertThat(api.options("/api/v1/cart").send().status()).isEqualTo(401);
    }

    /** A request line sent as it is: Java's HTTP client would refuse to send a malformed query string. */
    private String rawGet(String target) throws IOException {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void echoesASaneCallerRequestIdAndReplacesAnInsaneOne() {
        var sane = api.get("/api/v1/nothing-here")
                .header("X-Request-Id", "client-req-12345")
                .send();
        assertThat(sane.header("X-Request-Id")).contains("client-req-12345");

        var insane = api.get("/api/v1/nothing-here")
                .header("X-Request-Id", "bad id\twith\"quotes")
                .send();
        assertThat(insane.header("X-Request-Id").orElseThrow())
                .doesNotContain(" ")
                .hasSizeGreaterThan(8);
    }

    @Test
    void unknownFieldsWrongTypesAndMissingFieldsAreValidationFailures() {
        var unknown = Accounts.registration("BUYER");
        unknown.put("roles", java.util.List.of("ADMIN"));
        var unknownResponse = api.post("/api/v1/auth/register").json(unknown).send();
        assertThat(unknownResponse.status()).isEqualTo(400);
        assertThat(unknownResponse.json().get("errors").get(0).get("field").asString())
                .isEqualTo("roles");

        var wrongType = Accounts.registration("BUYER");
        wrongType.put("fullName", Map.of("first", "A"));
        assertThat(api.post("/api/v1/auth/register").json(wrongType).send().code())
                .isEqualTo("validation_failed");

        var numberForString = Accounts.registration("BUYER");
        numberForString.put("fullName", 42);
        var numberResponse =
                api.post("/api/v1/auth/register").json(numberForString).send();
        assertThat(numberResponse.status()).isEqualTo(400);
        assertThat(numberResponse.json().get("errors").get(0).get("field").asString())
                .isEqualTo("fullName");

        var unknownEnum = Accounts.registration("BUYER");
        unknownEnum.put("role", "OVERLORD");
        var enumResponse = api.post("/api/v1/auth/register").json(unknownEnum).send();
        assertThat(enumResponse.status()).isEqualTo(400);
        assertThat(enumResponse.json().get("errors").get(0).get("field").asString())
                .isEqualTo("role");

        var missing = Accounts.registration("BUYER");
        missing.remove("email");
        var missingResponse = api.post("/api/v1/auth/register").json(missing).send();
        assertThat(missingResponse.status()).isEqualTo(400);
        assertThat(missingResponse.json().get("errors").toString()).contains("email");

        for (var body : java.util.List.of(unknown, wrongType, numberForString, unknownEnum)) {
            assertThat(countUsers((String) body.get("username"))).isZero();
        }
    }

    @Test
    void jsonBodiesOverOneMebibyteAre413() {
        var big = "{\"email\":\"" + "a".repeat(2 * 1024 * 1024) + "\",\"password\":\"x\"}";
        var response = api.post("/api/v1/auth/login").json(big).send();

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.code()).isEqualTo("payload_too_large");
    }

    @Test
    void unknownPathsAnd405AreProblemsToo() {
        var anonymous = api.get("/api/v1/nothing-here").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
        assertThat(anonymous.code()).isEqualTo("unauthorized");

        var session = Accounts.buyer(api);
        var missing =
                api.get("/api/v1/nothing-here").bearer(session.accessToken()).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("not_found");

        var wrongMethod =
                api.get("/api/v1/auth/login").bearer(session.accessToken()).send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo("method_not_allowed");
    }

    @Test
    void urlsRefusedByTheFirewallGetAProblem() {
        var response = api.get("/media/..%2f..%2fetc%2fpasswd").send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
    }

    @Test
    void nonJsonContentTypeIs415() {
        var response = api.post("/api/v1/auth/login")
                .body("text/plain", "email=a".getBytes(StandardCharsets.UTF_8))
                .send();
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.code()).isEqualTo("unsupported_media_type");
    }

    private long countUsers(String username) {
        return jdbc.sql("select count(*) from users where lower(username) = lower(?)")
                .param(username)
                .query(Long.class)
                .single();
    }
}
