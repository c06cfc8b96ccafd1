package com.betanet.marketplace;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.HttpTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health, metrics and the API documentation that operators and client developers rely on. */
class OperationsTests extends HttpTest {

    @Test
    void healthHasLivenessAndReadinessIncludingTheDatabase() {
        assertThat(api.get("/actuator/health").send().json().get("status").asString())
                .isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").send().status()).isEqualTo(200);
        var readiness = api.get("/actuator/health/readiness").send();
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetrics() {
        var response = api.get("/actuator/prometheus").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text())
                .contains("jvm_memory_used_bytes")
                .contains("http_server_requests")
                // money in flight an operator must watch
                .containsPattern("(?m)^marketplace_refunds_overdue [0-9.]+$")
                .containsPattern("(?m)^marketplace_payouts_overdue [0-9.]+$")
                .containsPattern("(?m)^marketplace_payments_flagged [0-9.]+$");
    }

    @Test
    void openApiDocumentsEndpointsWithAuthAndProblemCodes() {
        var response = api.get("/v3/api-docs").send();
        assertThat(response.status()).isEqualTo(200);
        var paths = response.json().get("paths");
        var register = paths.get("/api/v1/auth/register").get("post");
        assertThat(register.has("security")).as("registration is public").isFalse();
        assertThat(register.get("responses").get("409").get("description").asString())
                .contains("email_taken")
                .contains("username_taken");
        var logout = paths.get("/api/v1/auth/logout").get("post");
        assertThat(logout.get("security").toString()).contains("bearer");
        assertThat(logout.get("responses").has("401")).isTrue();
        // the caller is never a request parameter, whether required or optional
        var cart = paths.get("/api/v1/cart").get("get");
        assertThat(cart.has("parameters")).as(cart.toString()).isFalse();
        var product = paths.get("/api/v1/products/{id}").get("get");
        assertThat(product.get("parameters").size()).as(product.toString()).isEqualTo(1);
        assertThat(product.get("parameters").get(0).get("name").asString()).isEqualTo("id");
        // anyone may read a product; a token is optional (it shows its seller their drafts)
        assertThat(product.get("security").toString()).isEqualTo("[{\"bearer\":[]},{}]");
        assertThat(product.get("responses").has("401")).isFalse();
        // an admin's endpoint checks a role, so it needs a token even without the caller as a parameter
        var newCategory = paths.get("/api/v1/categories").get("post");
        assertThat(newCategory.get("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(newCategory.get("responses").has("401")).isTrue();
        assertThat(paths.get("/api/v1/categories").get("get").has("security")).isFalse();
    }

    @Test
    void openApiDeclaresTheMediaTypeEachResponseIsSentIn() {
        var response = api.get("/v3/api-docs").send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text()).doesNotContain("*/*");
        var paths = response.json().get("paths");
        // where Tomcat forwards errors is not an endpoint: each operation lists its own problems
        assertThat(paths.has("/error")).isFalse();
        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                for (var answer : operation.getValue().get("responses").properties()) {
                    var what = operation.getKey() + " " + path.getKey() + " " + answer.getKey();
                    var content = answer.getValue().get("content");
                    var mediaTypes = content == null ? List.<String>of() : List.copyOf(content.propertyNames());
                    if (answer.getKey().startsWith("2")) {
                        // stored images are re-encoded as JPEG or PNG; everything else answers JSON (or nothing)
                        assertThat(mediaTypes)
                                .as(what)
                                .isSubsetOf(
                                        path.getKey().startsWith("/media/")
                                                ? List.of("image/jpeg", "image/png")
                                                : List.of("application/json"));
                    } else if (answer.getKey().startsWith("3")) {
                        assertThat(mediaTypes).as(what).isEmpty();
                    } else {
                        assertThat(mediaTypes).as(what).containsExactly("application/problem+json");
                    }
                }
            }
        }
        var search = paths.get("/api/v1/products").get("get").get("responses");
        assertThat(search.get("200").get("content").has("application/json")).isTrue();
        var media = paths.get("/media/{key}").get("get").get("responses");
        assertThat(media.get("200").get("content").propertyNames())
                .containsExactlyInAnyOrder("image/jpeg", "image/png");
    }

    @Test
    void servesSwaggerUi() {
        var response = api.get("/swagger-ui.html").send();
        assertThat(response.status()).isIn(200, 302);
        var ui = api.get("/swagger-ui/index.html").send();
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.text()).contains("swagger");
    }
}
