package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.shared.Money;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Funding wallets through the ledger and paying them out through the HTTP API. */
public final class PayoutFixtures {

    public static final String KES = "KES";

    private PayoutFixtures() {}

    /** Credits {@code amount} cents to the user's wallet (from the platform's funds), as a completed order would. */
    public static void fund(TransactionTemplate transactions, Ledger ledger, UUID userId, long amount) {
        var reference = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> ledger.post(new Transfer(
                Transfer.idFor("test-funding:" + reference),
                AccountKey.platform(),
                AccountKey.wallet(userId),
                Money.of(amount, KES),
                "TEST_FUNDING",
                "TEST",
                reference,
                "Funds for a payout test")));
    }

    public static Map<String, Object> body(long amount, String currency, String phone) {
        var body = new LinkedHashMap<String, Object>();
        body.put("amount", Map.of("amount", amount, "currency", currency));
        body.put("method", "MPESA");
        body.put("phoneNumber", phone);
        return body;
    }

    public static Api.Response requestPayout(Api api, Accounts.Session who, String key, Object body) {
        return api.post("/api/v1/wallet/payouts")
                .bearer(who.accessToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send();
    }

    public static Api.Response requestPayout(Api api, Accounts.Session who, long amount, String phone) {
        return requestPayout(api, who, UUID.randomUUID().toString(), body(amount, KES, phone));
    }

    /** Requests a payout that must be accepted (202 PENDING); returns it. */
    public static JsonNode pendingPayout(Api api, Accounts.Session who, long amount, String phone) {
        var response = requestPayout(api, who, amount, phone);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.json().get("status").asString()).isEqualTo("PENDING");
        return response.json();
    }

    public static JsonNode payout(Api api, Accounts.Session who, String payoutId) {
        var response = api.get("/api/v1/wallet/payouts/" + payoutId)
                .bearer(who.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    public static JsonNode awaitPayout(Api api, Accounts.Session who, String payoutId, String status) {
        var seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            seen[0] = payout(api, who, payoutId);
            assertThat(seen[0].get("status").asString()).isEqualTo(status);
        });
        return seen[0];
    }

    /** The wallet as {@code [available, held, pendingPayouts]} in cents. */
    public static long[] wallet(Api api, Accounts.Session who) {
        var response = api.get("/api/v1/wallet").bearer(who.accessToken()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var body = response.json();
        return new long[] {
            body.get("available").get("amount").asLong(),
            body.get("held").get("amount").asLong(),
            body.get("pendingPayouts").get("amount").asLong()
        };
    }
}
