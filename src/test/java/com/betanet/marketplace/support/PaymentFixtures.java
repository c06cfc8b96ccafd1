package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Paying checkouts through the HTTP API; in tests payments run on the simulator, which answers within milliseconds. */
public final class PaymentFixtures {

    /** A Safaricom number the simulator pays with (any number not ending in 1032 or 0000). */
    public static final String PHONE = "0712345678";
    /** The simulator's payer cancels the STK push (ResultCode 1032). */
    public static final String CANCELLING_PHONE = "0712341032";
    /** The simulator never calls back; only its status query answers (paid). */
    public static final String SILENT_PHONE = "0712340000";

    private PaymentFixtures() {}

    public static Map<String, Object> body(UUID checkoutId, String method, @Nullable String phone) {
        var body = new LinkedHashMap<String, Object>();
        body.put("purpose", "CHECKOUT");
        body.put("referenceId", checkoutId.toString());
        body.put("method", method);
        if (phone != null) {
            body.put("phoneNumber", phone);
        }
        return body;
    }

    public static Api.Response pay(Api api, Accounts.Session payer, String key, Object body) {
        return api.post("/api/v1/payments")
                .bearer(payer.accessToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send();
    }

    public static Api.Response pay(Api api, Accounts.Session payer, UUID checkoutId, String phone) {
        return pay(api, payer, UUID.randomUUID().toString(), body(checkoutId, "MPESA", phone));
    }

    /** Pays the checkout by M-Pesa (simulated) and waits until it is PAID; returns the payment. */
    public static JsonNode paid(Api api, Accounts.Session buyer, UUID checkoutId) {
        var response = pay(api, buyer, checkoutId, PHONE);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        awaitCheckout(api, buyer, checkoutId, "PAID");
        return response.json();
    }

    public static JsonNode paid(Api api, Accounts.Session buyer, JsonNode checkout) {
        return paid(api, buyer, UUID.fromString(checkout.get("id").asString()));
    }

    public static JsonNode awaitCheckout(Api api, Accounts.Session buyer, UUID checkoutId, String status) {
        var seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var checkout = api.get("/api/v1/checkouts/" + checkoutId)
                    .bearer(buyer.accessToken())
                    .send();
            assertThat(checkout.status()).as(checkout.toString()).isEqualTo(200);
            assertThat(checkout.json().get("status").asString()).isEqualTo(status);
            seen[0] = checkout.json();
        });
        return seen[0];
    }

    public static JsonNode payment(Api api, Accounts.Session who, String paymentId) {
        var response = api.get("/api/v1/payments/" + paymentId)
                .bearer(who.accessToken())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    public static JsonNode awaitPayment(Api api, Accounts.Session who, String paymentId, String status) {
        var seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            seen[0] = payment(api, who, paymentId);
            assertThat(seen[0].get("status").asString()).isEqualTo(status);
        });
        return seen[0];
    }

    /**
     * Waits until a refund's first sending is over, whatever the provider answered: its {@code RefundRequested}
     * publication, written with the refund (the caller's request has returned), is complete and deleted from the
     * registry.
     */
    public static void awaitRefundSent(JdbcClient jdbc, UUID refundId) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                        select not exists (select 1 from event_publication
                                            where listener_id like '%RefundSender%' and serialized_event like ?)""")
                        .param("%" + refundId + "%")
                        .query(Boolean.class)
                        .single());
    }

    /**
     * Waits until every webhook recorded in the inbox has been applied (a webhook is answered once its document is
     * recorded; the inbox worker applies it a moment later). Documents held by a node applying them are due a minute
     * later ({@code InboxWorker.LEASE}) and count; those whose application failed and waits for a retry, recorded by a
     * test to be due in an hour, or of a kind of a test's own, do not.
     */
    public static void awaitWebhooksApplied(JdbcClient jdbc) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                                select count(*) from payment_inbox
                                where kind in ('MPESA_STK', 'STRIPE_EVENT') and processed_at is null and attempts = 0
                                  and next_attempt_at <= now() + interval '5 minutes'""").query(Long.class).single() == 0);
    }

    /** The id of the payment's only refund. */
    public static UUID onlyRefund(JdbcClient jdbc, String paymentId) {
        return jdbc.sql("select id from refunds where payment_id = ?")
                .param(UUID.fromString(paymentId))
                .query(UUID.class)
                .single();
    }
}
