package com.betanet.marketplace.shared.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTests extends HttpTest {

    static final String PATH = "/api/v1/test/idempotency-probe";

    Accounts.Session buyer;

    @BeforeEach
    void signIn() {
        buyer = Accounts.buyer(api);
    }

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseWithoutRedoingTheWork() {
        var key = UUID.randomUUID().toString();
        var first = send(buyer, key, Map.of("item", "tea", "quantity", 2, "sleepMillis", 0, "fail", false));
        int workAfterFirst = IdempotencyProbeController.WORK_DONE.get();
        // the same body with the fields in another order is the same request
        var again = send(buyer, key, Map.of("quantity", 2, "fail", false, "item", "tea", "sleepMillis", 0));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(IdempotencyProbeController.WORK_DONE.get()).isEqualTo(workAfterFirst);
    }

    @Test
    void aDifferentBodyWithTheSameKeyIs422() {
        var key = UUID.randomUUID().toString();
        send(buyer, key, Map.of("item", "tea", "quantity", 2, "sleepMillis", 0, "fail", false));
        var other = send(buyer, key, Map.of("item", "tea", "quantity", 3, "sleepMillis", 0, "fail", false));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void aMissingOrMalformedKeyIsRefused() {
        var body = Map.<String, Object>of("item", "tea", "quantity", 1, "sleepMillis", 0, "fail", false);
        var missing = api.post(PATH).bearer(buyer.accessToken()).json(body).send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("idempotency_key_required");

        var tooLong = send(buyer, "k".repeat(256), body);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.code()).isEqualTo("validation_failed");
    }

    @Test
    void keysBelongToTheirUser() {
        var other = Accounts.buyer(api);
        var key = UUID.randomUUID().toString();
        int before = IdempotencyProbeController.WORK_DONE.get();
        send(buyer, key, Map.of("item", "tea", "quantity", 1, "sleepMillis", 0, "fail", false));
        var theirs = send(other, key, Map.of("item", "tea", "quantity", 9, "sleepMillis", 0, "fail", false));

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(IdempotencyProbeController.WORK_DONE.get()).isEqualTo(before + 2);
    }

    @Test
    void concurrentRequestsWithOneKeyDoTheWorkOnce() throws Exception {
        var key = UUID.randomUUID().toString();
        var body = Map.<String, Object>of("item", "tea", "quantity", 1, "sleepMillis", 300, "fail", false);
        int before = IdempotencyProbeController.WORK_DONE.get();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var futures = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit((Callable<Api.Response>) () -> send(buyer, key, body)));
            }
            int created = 0;
            for (var future : futures) {
                var response = future.get();
                if (response.status() == 201) {
                    created++;
                } else {
                    assertThat(response.status()).isEqualTo(409);
                    assertThat(response.code()).isEqualTo("idempotency_request_in_progress");
                }
            }
            assertThat(created).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(IdempotencyProbeController.WORK_DONE.get()).isEqualTo(before + 1);
        assertThat(send(buyer, key, body).status()).isEqualTo(201);
        assertThat(IdempotencyProbeController.WORK_DONE.get()).isEqualTo(before + 1);
    }

    @Test
    void aRefusalIsTheKeysOutcomeAndIsReplayedLikeASuccess() {
        var key = UUID.randomUUID().toString();
        var refusing = Map.of("item", "tea", "quantity", 1, "sleepMillis", 0, "fail", true);
        int before = IdempotencyProbeController.WORK_DONE.get();
        var failed = send(buyer, key, refusing);
        assertThat(failed.status()).isEqualTo(409);
        assertThat(failed.code()).isEqualTo("insufficient_stock");

        // API.md: the same key and body replay the first response, same status and body
        var replayed = send(buyer, key, refusing);
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.header("Idempotent-Replayed")).contains("true");
        assertThat(replayed.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(replayed.text()).isEqualTo(failed.text());
        // another request under the key is refused as such; a new attempt takes a new key
        var other = send(buyer, key, Map.of("item", "tea", "quantity", 1, "sleepMillis", 0, "fail", false));
        assertThat(other.code()).isEqualTo("idempotency_key_reused");
        assertThat(IdempotencyProbeController.WORK_DONE.get()).isEqualTo(before);
        var fresh = send(
                buyer,
                UUID.randomUUID().toString(),
                Map.of("item", "tea", "quantity", 1, "sleepMillis", 0, "fail", false));
        assertThat(fresh.status()).isEqualTo(201);
    }

    @Test
    void workAroundARemoteCallRunsWithoutATransactionAndIsStillDoneOnce() {
        var key = UUID.randomUUID().toString();
        var body = Map.of("item", "tea", "quantity", 1, "sleepMillis", 0, "fail", false);
        var first = sendOutside(key, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("inTransaction").asBoolean()).isFalse();
        var again = sendOutside(key, body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.json().get("run").asInt())
                .isEqualTo(first.json().get("run").asInt());

        var failingKey = UUID.randomUUID().toString();
        var refusing = Map.of("item", "tea", "quantity", 1, "sleepMillis", 0, "fail", true);
        var failed = sendOutside(failingKey, refusing);
        assertThat(failed.code()).isEqualTo("insufficient_stock");
        var replayed = sendOutside(failingKey, refusing);
        assertThat(replayed.status()).as("a refusal is replayed too").isEqualTo(409);
        assertThat(replayed.header("Idempotent-Replayed")).contains("true");
        assertThat(replayed.text()).isEqualTo(failed.text());
    }

    private Api.Response sendOutside(String key, Map<String, ?> body) {
        return api.post(PATH + "/outside")
                .bearer(buyer.accessToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send();
    }

    private Api.Response send(Accounts.Session who, String key, Map<String, ?> body) {
        return api.post(PATH)
                .bearer(who.accessToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send();
    }
}
