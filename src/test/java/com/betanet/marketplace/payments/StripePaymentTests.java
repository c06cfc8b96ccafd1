package com.betanet.marketplace.payments;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.PaymentFixtures.awaitCheckout;
import static com.betanet.marketplace.support.PaymentFixtures.awaitPayment;
import static com.betanet.marketplace.support.PaymentFixtures.awaitRefundSent;
import static com.betanet.marketplace.support.PaymentFixtures.awaitWebhooksApplied;
import static com.betanet.marketplace.support.PaymentFixtures.body;
import static com.betanet.marketplace.support.PaymentFixtures.onlyRefund;
import static com.betanet.marketplace.support.PaymentFixtures.pay;
import static com.betanet.marketplace.support.PaymentFixtures.payment;
import static com.betanet.marketplace.support.ProviderTestServers.STRIPE_SECRET_KEY;
import static com.betanet.marketplace.support.ProviderTestServers.STRIPE_WEBHOOK_SECRET;
import static com.betanet.marketplace.support.ProviderTestServers.stripe;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.payments.application.RefundStatusChecks;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.ProviderIntegrationTest;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.stripe.Stripe;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Cards for real: the Stripe adapter on the official SDK against WireMock, and Stripe's signed webhooks. */
@ProviderIntegrationTest
class StripePaymentTests extends HttpTest {

    static final String WEBHOOK = "/api/v1/webhooks/stripe";

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefundStatusChecks refundChecks;

    @Autowired
    MeterRegistry meters;

    Accounts.Session buyer;
    Accounts.Session seller;
    JsonNode checkout;
    UUID checkoutId;
    /** This test's PaymentIntent and charge, as the Stripe stand-in names them. */
    String intentId;

    String chargeId;

    @BeforeEach
    void checkout() {
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
        addToCart(api, buyer, product(api, seller, categoryId, 2_525, 10), 2); // KES 50.50: cards pay cents
        checkout = checkedOut(api, buyer);
        checkoutId = UUID.fromString(checkout.get("id").asString());
        var suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        intentId = "pi_" + suffix;
        chargeId = "ch_" + suffix;
        stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[reference_id]", equalTo(checkoutId.toString()))
                .willReturn(okJson(intent("requires_payment_method", 0, "{}"))));
    }

    private String intent(String status, long received, String metadata) {
        return intent(intentId, 5050, status, received, metadata);
    }

    private static String intent(String intentId, long amount, String status, long received, String metadata) {
        return """
                {"id":"%s","object":"payment_intent","amount":%d,"amount_capturable":0,"amount_received":%d,
                 "capture_method":"automatic","client_secret":"%s_secret_YrKJUKribcBjcG8HVhfZluoGH",
                 "confirmation_method":"automatic","created":1680800504,"currency":"kes","livemode":false,
                 "metadata":%s,"payment_method_types":["card"],"status":"%s","latest_charge":null,
                 "last_payment_error":null}
                """.formatted(intentId, amount, received, intentId, metadata, status);
    }

    private String event(String eventId, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"pending_webhooks":1,
                 "request":{"id":null,"idempotency_key":null},"type":"%s","data":{"object":%s}}
                """.formatted(eventId, Stripe.API_VERSION, Instant.now().getEpochSecond(), type, object);
    }

    private String succeededEvent(String eventId, String paymentId) {
        return event(
                eventId,
                "payment_intent.succeeded",
                intent("succeeded", 5050, "{\"payment_id\":\"%s\",\"purpose\":\"CHECKOUT\"}".formatted(paymentId)));
    }

    private String failedEvent(String eventId) {
        return event(eventId, "payment_intent.payment_failed", """
                {"id":"%s","object":"payment_intent","amount":5050,"amount_received":0,"currency":"kes",
                 "status":"requires_payment_method","metadata":{},
                 "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
                   "message":"Your card has insufficient funds."}}
                """.formatted(intentId));
    }

    private String chargeRefundedEvent(String eventId, long amountRefunded) {
        return event(
                eventId, "charge.refunded", """
                {"id":"%s","object":"charge","amount":5050,"amount_captured":5050,"amount_refunded":%d,
                 "currency":"kes","paid":true,"refunded":%s,"payment_intent":"%s","metadata":{},"status":"succeeded"}
                """.formatted(chargeId, amountRefunded, amountRefunded == 5050, intentId));
    }

    static String sign(String body, long timestamp, String secret) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var signature =
                HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return "t=" + timestamp + ",v1=" + signature;
    }

    /** Delivers an event and, once it is answered, waits until what it recorded is applied. */
    private Api.Response deliver(String body, String signature) {
        var response = api.post(WEBHOOK)
                .header("Stripe-Signature", signature)
                .body("application/json", body.getBytes(StandardCharsets.UTF_8))
                .send();
        awaitWebhooksApplied(jdbc);
        return response;
    }

    private Api.Response deliver(String body) throws Exception {
        return deliver(body, sign(body, Instant.now().getEpochSecond(), STRIPE_WEBHOOK_SECRET));
    }

    private static void assertOk(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private JsonNode payByCard() {
        var response = pay(api, buyer, UUID.randomUUID().toString(), body(checkoutId, "CARD", null));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private Ledger.Balance escrow() {
        return ledger.balance(AccountKey.checkoutEscrow(checkoutId), "KES");
    }

    private long inboxRows(String eventId) {
        return jdbc.sql("select count(*) from payment_inbox where provider = 'STRIPE' and external_id = ?")
                .param(eventId)
                .query(Long.class)
                .single();
    }

    @Test
    void aCardPaymentIsAPaymentIntentAndItsSignedSuccessPaysTheCheckoutOnceThoughSentFiveTimes() throws Exception {
        var started = payByCard();
        var paymentId = started.get("id").asString();
        assertThat(started.get("status").asString()).isEqualTo("REQUIRES_ACTION");
        assertThat(started.get("providerReference").asString()).isEqualTo(intentId);
        assertThat(started.get("clientSecret").asString()).isEqualTo(intentId + "_secret_YrKJUKribcBjcG8HVhfZluoGH");
        stripe().verify(
                        1,
                        postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                                .withHeader("Authorization", equalTo("Bearer " + STRIPE_SECRET_KEY))
                                .withHeader("Idempotency-Key", equalTo("payment-" + paymentId))
                                .withFormParam("amount", equalTo("5050"))
                                .withFormParam("currency", equalTo("kes"))
                                .withFormParam("metadata[payment_id]", equalTo(paymentId))
                                .withFormParam("metadata[purpose]", equalTo("CHECKOUT"))
                                .withFormParam("metadata[reference_id]", equalTo(checkoutId.toString())));

        var eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        var body = succeededEvent(eventId, paymentId);
        for (int i = 0; i < 5; i++) {
            assertOk(deliver(body));
        }

        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        var paid = awaitCheckout(api, buyer, checkoutId, "PAID");
        assertThat(paid.get("orders").get(0).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(escrow().creditsPosted()).isEqualTo(5_050);
        assertThat(inboxRows(eventId)).isEqualTo(1);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aRedeliveryCountingDownItsPendingWebhooksIsNoContradictionButAnotherReportUnderTheIdIs() throws Exception {
        var paymentId = payByCard().get("id").asString();
        var eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        var body = succeededEvent(eventId, paymentId);
        assertOk(deliver(body));
        awaitPayment(api, buyer, paymentId, "SUCCEEDED");

        // what Stripe sends on a retry: the same event, one endpoint fewer still waiting for it
        assertOk(deliver(body.replace("\"pending_webhooks\":1", "\"pending_webhooks\":0")));
        assertThat(contradictedBy(eventId)).isNull();

        var other = failedEvent(eventId);
        assertOk(deliver(other));
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(escrow().creditsPosted()).isEqualTo(5_050);
        assertThat(Api.JSON.readTree(contradictedBy(eventId))).isEqualTo(Api.JSON.readTree(other));
        assertThat(jdbc.sql("select outcome from payment_inbox where provider = 'STRIPE' and external_id = ?")
                        .param(eventId + "/contradicting")
                        .query(String.class)
                        .single())
                .as("applied as a report of its own: a failure never undoes a success")
                .isEqualTo("ALREADY_SETTLED");
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    private @Nullable String contradictedBy(String eventId) {
        return jdbc.sql("""
                        select contradicted_by::text from payment_inbox
                        where provider = 'STRIPE' and external_id = ?""")
                .param(eventId)
                .query((row, n) -> row.getString(1))
                .list()
                .get(0);
    }

    @Test
    void aBadSignatureAnOldOneOrATamperedBodyIsABadRequestAndChangesNothing() throws Exception {
        var paymentId = payByCard().get("id").asString();
        var eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        var body = succeededEvent(eventId, paymentId);
        var now = Instant.now().getEpochSecond();

        var refused = new Api.Response[] {
            deliver(body, sign(body, now, "whsec_someone_else")),
            deliver(body, sign(body, now - 301, STRIPE_WEBHOOK_SECRET)),
            deliver(
                    body.replace("\"amount_received\":5050", "\"amount_received\":9999"),
                    sign(body, now, STRIPE_WEBHOOK_SECRET)),
            deliver(body, ""),
            api.post(WEBHOOK)
                    .body("application/json", body.getBytes(StandardCharsets.UTF_8))
                    .send()
        };
        for (var response : refused) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid_signature");
        }

        assertThat(inboxRows(eventId)).isZero();
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("REQUIRES_ACTION");
        assertThat(escrow().creditsPosted()).isZero();
    }

    @Test
    void aSignedBodyThatIsNoReadableEventIsABadRequestThatNamesNoCodeOfOurs() throws Exception {
        var paymentId = payByCard().get("id").asString();
        var eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        var unreadable = new String[] {
            // no api_version: the SDK cannot tell how to read the object
            succeededEvent(eventId, paymentId).replaceFirst("\"api_version\":\"[^\"]*\",?", ""),
            // a PaymentIntent without its object
            event(eventId, "payment_intent.succeeded", "{}"),
            "[1, 2, 3]",
            "",
            // no data at all
            succeededEvent(eventId, paymentId).replaceFirst("\"data\":", "\"nodata\":"),
            // what PostgreSQL will not store: a NUL character, an event id over 200 characters
            succeededEvent(eventId, paymentId).replace("\"livemode\"", "\"note\":\"nul \\u0000\",\"livemode\""),
            succeededEvent(eventId + "x".repeat(300), paymentId),
            // an amount no payment can have, which the ledger's sums could not hold
            succeededEvent(eventId, paymentId)
                    .replace("\"amount_received\":5050", "\"amount_received\":9223372036854775807")
        };
        assertThat(unreadable[0]).doesNotContain("api_version");
        for (var body : unreadable) {
            var response = deliver(body);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(response.text())
                    .doesNotContain("null")
                    .doesNotContain("Exception")
                    .doesNotContain("java.")
                    .doesNotContain("this.");
        }
        assertThat(inboxRows(eventId)).isZero();
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("REQUIRES_ACTION");
    }

    @Test
    void eventsApplyInAnyOrderAndAFailureNeverUndoesASuccess() throws Exception {
        var paymentId = payByCard().get("id").asString();
        // a first card is declined, a second one pays
        assertOk(deliver(failedEvent("evt_f1_" + paymentId)));
        var failed = awaitPayment(api, buyer, paymentId, "FAILED");
        assertThat(failed.get("failureReason").asString()).isEqualTo("Your card has insufficient funds.");
        assertOk(deliver(succeededEvent("evt_s_" + paymentId, paymentId)));
        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        awaitCheckout(api, buyer, checkoutId, "PAID");

        // the first card's failure delivered again late, and another one: the payment stays paid
        assertOk(deliver(failedEvent("evt_f1_" + paymentId)));
        assertOk(deliver(failedEvent("evt_f2_" + paymentId)));
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(escrow().creditsPosted()).isEqualTo(5_050);
        // an event type the marketplace does not handle is acknowledged and ignored
        assertOk(deliver(
                event("evt_other_" + paymentId, "customer.created", "{\"id\":\"cus_1\",\"object\":\"customer\"}")));
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aNewAttemptWithdrawsTheIntentThePayerHasNotConfirmedSoNobodyIsChargedTwice() {
        var first = payByCard();
        assertThat(first.get("status").asString()).isEqualTo("REQUIRES_ACTION");
        stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents/" + intentId + "/cancel"))
                .willReturn(okJson(intent("canceled", 0, "{}"))));
        var second = "pi_again" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[reference_id]", equalTo(checkoutId.toString()))
                .willReturn(okJson(intent(second, 5050, "requires_payment_method", 0, "{}"))));

        var again = payByCard();

        assertThat(again.get("providerReference").asString()).isEqualTo(second);
        stripe().verify(
                        1,
                        postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + intentId + "/cancel"))
                                .withHeader("Idempotency-Key", equalTo("cancel-" + intentId)));
        var withdrawn = payment(api, buyer, first.get("id").asString());
        assertThat(withdrawn.get("status").asString()).isEqualTo("CANCELLED");

        // an intent Stripe will not cancel (the payer just confirmed it) keeps the new attempt out
        stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents/" + second + "/cancel"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"type":"invalid_request_error","code":"payment_intent_unexpected_state",
                                 "message":"You cannot cancel this PaymentIntent because it has a status of succeeded."}}
                                """)));
        var third = pay(api, buyer, UUID.randomUUID().toString(), body(checkoutId, "CARD", null));
        assertThat(third.status()).as(third.toString()).isEqualTo(409);
        assertThat(third.code()).isEqualTo("payment_in_progress");
        assertThat(payment(api, buyer, again.get("id").asString()).get("status").asString())
                .isEqualTo("REQUIRES_ACTION");
    }

    @Test
    void aPaymentTheCheckoutDeclinedLeavesItPayableAndRefundsLaterDrawOnThePaymentItTook() throws Exception {
        // two sellers' orders, 5050 + 1000; the buyer starts a card payment of 6050, then cancels the second order
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        addToCart(api, buyer, product(api, seller, categoryId, 2_525, 10), 2);
        addToCart(api, buyer, product(api, Accounts.seller(api), categoryId, 1_000, 10), 1);
        var twoOrders = checkedOut(api, buyer);
        var reference = UUID.fromString(twoOrders.get("id").asString());
        var first = "pi_first" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[reference_id]", equalTo(reference.toString()))
                .willReturn(okJson(intent(first, 6050, "requires_payment_method", 0, "{}"))));
        var firstPayment = pay(api, buyer, UUID.randomUUID().toString(), body(reference, "CARD", null));
        assertThat(firstPayment.status()).as(firstPayment.toString()).isEqualTo(201);
        var firstId = firstPayment.json().get("id").asString();
        var smallOrder =
                twoOrders.get("orders").get(0).get("subtotal").get("amount").asLong() == 1000
                        ? twoOrders.get("orders").get(0)
                        : twoOrders.get("orders").get(1);
        var cancel = api.post("/api/v1/orders/" + smallOrder.get("id").asString() + "/cancel")
                .bearer(buyer.accessToken())
                .json(Map.of("reason", "only the first one"))
                .send();
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);

        // the old intent is confirmed anyway: the checkout (now 5050) declines the 6050 and refunds it
        stripe().stubFor(post(urlPathEqualTo("/v1/refunds"))
                .withFormParam("payment_intent", equalTo(first))
                .willReturn(okJson("""
                        {"id":"re_%s","object":"refund","amount":6050,"charge":null,"created":1692942318,
                         "currency":"kes","metadata":{},"payment_intent":"%s","reason":null,"status":"pending"}
                        """.formatted(first, first))));
        assertOk(deliver(event(
                "evt_" + first,
                "payment_intent.succeeded",
                intent(first, 6050, "succeeded", 6050, "{\"payment_id\":\"%s\"}".formatted(firstId)))));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("select count(*) from refunds where payment_id = ?")
                                .param(UUID.fromString(firstId))
                                .query(Long.class)
                                .single())
                        .isEqualTo(1));
        assertThat(awaitCheckout(api, buyer, reference, "PENDING_PAYMENT")
                        .get("total")
                        .get("amount")
                        .asLong())
                .isEqualTo(5050);

        // the checkout can still be paid: not 409 already_paid
        var second = "pi_second" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        stripe().stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .withFormParam("metadata[reference_id]", equalTo(reference.toString()))
                .willReturn(okJson(intent(second, 5050, "requires_payment_method", 0, "{}"))));
        var secondPayment = pay(api, buyer, UUID.randomUUID().toString(), body(reference, "CARD", null));
        assertThat(secondPayment.status()).as(secondPayment.toString()).isEqualTo(201);
        var secondId = secondPayment.json().get("id").asString();
        assertOk(deliver(event(
                "evt_" + second,
                "payment_intent.succeeded",
                intent(second, 5050, "succeeded", 5050, "{\"payment_id\":\"%s\"}".formatted(secondId)))));
        awaitCheckout(api, buyer, reference, "PAID");

        // cancelling the paid order refunds it from the payment the checkout took, not from the declined one
        stripe().stubFor(post(urlPathEqualTo("/v1/refunds"))
                .withFormParam("payment_intent", equalTo(second))
                .willReturn(okJson("""
                        {"id":"re_%s","object":"refund","amount":5050,"charge":null,"created":1692942318,
                         "currency":"kes","metadata":{},"payment_intent":"%s","reason":null,"status":"pending"}
                        """.formatted(second, second))));
        var bigOrder = smallOrder == twoOrders.get("orders").get(0)
                ? twoOrders.get("orders").get(1)
                : twoOrders.get("orders").get(0);
        var cancelPaid = api.post("/api/v1/orders/" + bigOrder.get("id").asString() + "/cancel")
                .bearer(buyer.accessToken())
                .json(Map.of("reason", "changed my mind"))
                .send();
        assertThat(cancelPaid.status()).as(cancelPaid.toString()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from refunds where payment_id = ?")
                        .param(UUID.fromString(secondId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void cancellingAPaidCardOrderRefundsItThroughStripeAndChargeRefundedPostsTheRefund() throws Exception {
        var paymentId = paidByCard();
        var refundId = "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        stripe().stubFor(post(urlPathEqualTo("/v1/refunds"))
                .withFormParam("payment_intent", equalTo(intentId))
                .willReturn(okJson("""
                        {"id":"%s","object":"refund","amount":5050,"charge":"%s","created":1692942318,"currency":"kes",
                         "metadata":{},"payment_intent":"%s","reason":null,"status":"pending"}
                        """.formatted(refundId, chargeId, intentId))));

        cancelled(seller, Map.of("reason", "out of stock after all"));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                select provider_reference from refunds where payment_id = ?""")
                                .param(UUID.fromString(paymentId))
                                .query(String.class)
                                .optional())
                        .contains(refundId));
        var ourRefund = jdbc.sql("select id from refunds where payment_id = ?")
                .param(UUID.fromString(paymentId))
                .query(UUID.class)
                .single();
        stripe().verify(
                        1,
                        postRequestedFor(urlPathEqualTo("/v1/refunds"))
                                .withHeader("Idempotency-Key", equalTo("refund-" + ourRefund))
                                .withFormParam("payment_intent", equalTo(intentId))
                                .withFormParam("amount", equalTo("5050"))
                                .withFormParam("metadata[refund_id]", equalTo(ourRefund.toString())));
        // held until Stripe confirms
        assertThat(escrow().debitsPending()).isEqualTo(5_050);
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");

        var refunded = chargeRefundedEvent("evt_r_" + paymentId, 5_050);
        assertOk(deliver(refunded));
        assertOk(deliver(refunded));

        awaitPayment(api, buyer, paymentId, "REFUNDED");
        var escrow = escrow();
        assertThat(escrow.debitsPosted()).isEqualTo(5_050);
        assertThat(escrow.debitsPending()).isZero();
        assertThat(escrow.available().amount()).isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aRefundStripeReportsSucceededAtOnceIsPostedWithoutWaitingAndItsLateEventChangesNothing() throws Exception {
        var paymentId = paidByCard();
        stripe().stubFor(post(urlPathEqualTo("/v1/refunds"))
                .withFormParam("payment_intent", equalTo(intentId))
                .willReturn(okJson("""
                        {"id":"re_now_%s","object":"refund","amount":5050,"charge":"%s","created":1692942318,
                         "currency":"kes","metadata":{},"payment_intent":"%s","reason":null,"status":"succeeded"}
                        """.formatted(paymentId.substring(0, 8), chargeId, intentId))));

        cancelledByBuyer();

        awaitPayment(api, buyer, paymentId, "REFUNDED");
        assertThat(escrow().debitsPosted()).isEqualTo(5_050);
        assertALateChargeRefundedChangesNothing(paymentId);
    }

    @Test
    void aRefundWhoseCreationGotNoAnswerIsFoundByTheStatusJobAndNeverCreatedTwice() throws Exception {
        var paymentId = paidByCard();
        stripe().stubFor(refundCreation().willReturn(stripeServerError()));

        var ourRefund = cancelledAndRefundSent(paymentId);
        assertThat(refundCreations(ourRefund)).isEqualTo(1);
        assertThat(escrow().debitsPending()).isEqualTo(5_050);

        // Stripe did create it: the status job finds it among the intent's refunds by our refund id
        var stripeRefund = "re_found_" + paymentId.substring(0, 8);
        stripe().stubFor(get(urlPathEqualTo("/v1/refunds"))
                .withQueryParam("payment_intent", equalTo(intentId))
                .willReturn(okJson("""
                        {"object":"list","url":"/v1/refunds","has_more":false,"data":[
                          %s,
                          %s]}
                        """.formatted(
                                refundObject("re_other_" + paymentId.substring(0, 8), UUID.randomUUID(), "succeeded"),
                                refundObject(stripeRefund, ourRefund, "succeeded")))));
        refundChecks.check(Instant.now().plus(Duration.ofMinutes(6)));

        awaitPayment(api, buyer, paymentId, "REFUNDED");
        assertThat(providerReference(ourRefund)).isEqualTo(stripeRefund);
        assertThat(refundCreations(ourRefund)).as("found, not created again").isEqualTo(1);
        assertALateChargeRefundedChangesNothing(paymentId);
    }

    @Test
    void aRefundStripeHasNoTraceOfIsSentAgainUnderTheSameIdempotencyKey() throws Exception {
        var paymentId = paidByCard();
        var stripeRefund = "re_again_" + paymentId.substring(0, 8);
        refundCreationAnswersFirst(stripeServerError(), stripeRefund, "pending");

        var ourRefund = cancelledAndRefundSent(paymentId);
        stripe().stubFor(get(urlPathEqualTo("/v1/refunds"))
                .withQueryParam("payment_intent", equalTo(intentId))
                .willReturn(okJson("{\"object\":\"list\",\"url\":\"/v1/refunds\",\"has_more\":false,\"data\":[]}")));

        assertThat(refundChecks.check(Instant.now().plus(Duration.ofMinutes(1))))
                .isZero(); // not due yet
        refundChecks.check(Instant.now().plus(Duration.ofMinutes(6)));

        assertThat(refundCreations(ourRefund)).isEqualTo(2);
        assertThat(providerReference(ourRefund)).isEqualTo(stripeRefund);
        assertThat(payment(api, buyer, paymentId).get("status").asString())
                .as("pending at Stripe: charge.refunded settles it")
                .isEqualTo("SUCCEEDED");
        assertOk(deliver(chargeRefundedEvent("evt_r_" + paymentId, 5_050)));
        awaitPayment(api, buyer, paymentId, "REFUNDED");
        assertThat(escrow().debitsPosted()).isEqualTo(5_050);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aRefundStripeTurnedAwayAsTooManyRequestsIsSentAgainByTheJobAfterTheRetryDelay() throws Exception {
        var paymentId = paidByCard();
        var stripeRefund = "re_later_" + paymentId.substring(0, 8);
        refundCreationAnswersFirst(
                aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"rate_limit\","
                                + "\"message\":\"Too many requests\"}}"),
                stripeRefund,
                "succeeded");

        var ourRefund = cancelledAndRefundSent(paymentId);
        assertThat(jdbc.sql("select sent_at is null from refunds where id = ?")
                        .param(ourRefund)
                        .query(Boolean.class)
                        .single())
                .as("surely not received: free to be sent again")
                .isTrue();

        assertThat(refundChecks.check(Instant.now()))
                .as("not before the retry delay")
                .isZero();
        assertThat(refundChecks.check(Instant.now().plus(Duration.ofMinutes(2))))
                .isEqualTo(1);

        awaitPayment(api, buyer, paymentId, "REFUNDED");
        assertThat(refundCreations(ourRefund)).isEqualTo(2);
        assertThat(providerReference(ourRefund)).isEqualTo(stripeRefund);
        assertThat(escrow().debitsPosted()).isEqualTo(5_050);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    private String paidByCard() throws Exception {
        var paymentId = payByCard().get("id").asString();
        assertOk(deliver(succeededEvent("evt_s_" + paymentId, paymentId)));
        awaitCheckout(api, buyer, checkoutId, "PAID");
        return paymentId;
    }

    /** Stripe answers this test's first refund creation with {@code first}, the next with the refund it made. */
    private void refundCreationAnswersFirst(ResponseDefinitionBuilder first, String stripeRefund, String status) {
        var scenario = "refund-" + intentId;
        stripe().stubFor(refundCreation()
                .inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(first)
                .willSetStateTo("answered"));
        stripe().stubFor(refundCreation()
                .inScenario(scenario)
                .whenScenarioStateIs("answered")
                .willReturn(okJson(refundObject(stripeRefund, null, status))));
    }

    private MappingBuilder refundCreation() {
        return post(urlPathEqualTo("/v1/refunds")).withFormParam("payment_intent", equalTo(intentId));
    }

    private static ResponseDefinitionBuilder stripeServerError() {
        return aResponse()
                .withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}");
    }

    /** A Stripe refund object; {@code ourRefund} in its metadata when given. */
    private String refundObject(String id, @Nullable UUID ourRefund, String status) {
        var metadata = ourRefund == null ? "{}" : "{\"refund_id\":\"" + ourRefund + "\"}";
        return """
                {"id":"%s","object":"refund","amount":5050,"charge":"%s","created":1692942318,"currency":"kes",
                 "metadata":%s,"payment_intent":"%s","reason":null,"status":"%s"}
                """.formatted(id, chargeId, metadata, intentId, status);
    }

    /** The paid checkout's order is cancelled by {@code who} (and so refunded); {@code body} may hold a reason. */
    private void cancelled(Accounts.Session who, Map<String, String> body) {
        var orderId = checkout.get("orders").get(0).get("id").asString();
        var cancelled = api.post("/api/v1/orders/" + orderId + "/cancel")
                .bearer(who.accessToken())
                .json(body)
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    private void cancelledByBuyer() {
        cancelled(buyer, Map.of("reason", "changed my mind"));
    }

    /** The refund was posted once: {@code charge.refunded} arriving after that moves no more money. */
    private void assertALateChargeRefundedChangesNothing(String paymentId) throws Exception {
        assertOk(deliver(chargeRefundedEvent("evt_r_" + paymentId, 5_050)));
        assertThat(escrow().debitsPosted()).isEqualTo(5_050);
        assertThat(escrow().debitsPending()).isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    /** The buyer cancels the paid order; returns our refund's id once its first sending is over. */
    private UUID cancelledAndRefundSent(String paymentId) {
        cancelledByBuyer();
        var ourRefund = onlyRefund(jdbc, paymentId);
        awaitRefundSent(jdbc, ourRefund);
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
        return ourRefund;
    }

    private String providerReference(UUID ourRefund) {
        return jdbc.sql("select provider_reference from refunds where id = ?")
                .param(ourRefund)
                .query(String.class)
                .single();
    }

    private int refundCreations(UUID ourRefund) {
        return stripe().findAll(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                        .withHeader("Idempotency-Key", equalTo("refund-" + ourRefund)))
                .size();
    }

    @Test
    void aChargebackFlagsThePaymentAndFreezesItsOrdersForAnAdmin() throws Exception {
        var paymentId = paidByCard();
        var orderId = checkout.get("orders").get(0).get("id").asString();
        assertThat(escrow().debitsPending())
                .as("the seller share and commission, held")
                .isEqualTo(5_050);

        double flaggedBefore = flaggedGauge();
        var chargeback =
                event("evt_d_" + paymentId, "charge.dispute.created", dispute("dp_" + paymentId.substring(0, 8)));
        assertOk(deliver(chargeback));
        assertThat(flaggedGauge()).as("operators see it").isEqualTo(flaggedBefore + 1);

        assertThat(jdbc.sql("select flagged from payments where id = ?")
                        .param(UUID.fromString(paymentId))
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(jdbc.sql("select outcome from payment_inbox where provider = 'STRIPE' and external_id = ?")
                        .param("evt_d_" + paymentId)
                        .query(String.class)
                        .single())
                .isEqualTo("DISPUTED");
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");

        // the order stops where it was: DISPUTED by the system, nothing more is shipped, the money stays held
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(order(orderId).get("status").asString()).isEqualTo("DISPUTED"));
        var events = api.get("/api/v1/orders/" + orderId + "/events")
                .bearer(seller.accessToken())
                .send()
                .json();
        var last = events.get(events.size() - 1);
        assertThat(last.get("previousStatus").asString()).isEqualTo("CONFIRMED");
        assertThat(last.get("actor").get("role").asString()).isEqualTo("SYSTEM");
        assertThat(last.get("note").asString())
                .contains("bank disputes the payment")
                .contains("fraudulent");
        var ship = api.post("/api/v1/orders/" + orderId + "/status")
                .bearer(seller.accessToken())
                .json(Map.of("status", "SHIPPED"))
                .send();
        assertThat(ship.status()).as(ship.toString()).isEqualTo(409);
        assertThat(ship.code()).isEqualTo("invalid_transition");
        assertThat(escrow().debitsPending()).isEqualTo(5_050);
        assertThat(escrow().debitsPosted()).isZero();

        // one open dispute for an admin, in the buyer's name, however often the bank's dispute is reported
        assertOk(deliver(chargeback));
        assertOk(deliver(
                event("evt_d2_" + paymentId, "charge.dispute.created", dispute("dp_" + paymentId.substring(0, 8)))));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        jdbc.sql("select count(*) from payment_inbox where external_id = ? and outcome = 'DISPUTED'")
                                        .param("evt_d2_" + paymentId)
                                        .query(Long.class)
                                        .single()
                                == 1);
        var open = adminDispute(orderId, "OPEN");
        assertThat(open.get("buyer").get("username").asString()).isEqualTo(buyer.username());
        assertThat(open.get("reason").asString()).contains("fraudulent");
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aLostChargebackRefundsTheFrozenOrderAndItsMoneyLeavesWithTheBank() throws Exception {
        var paymentId = paidByCard();
        var orderId = checkout.get("orders").get(0).get("id").asString();
        var disputeId = frozenByAChargeback(paymentId, orderId);
        var clearingBefore = stripeClearing();
        var platformBefore = ledger.balance(AccountKey.platform(), "KES");

        var lost = event("evt_dl_" + paymentId, "charge.dispute.closed", dispute(disputeId, "lost"));
        assertOk(deliver(lost));
        assertThat(inboxOutcome("evt_dl_" + paymentId)).isEqualTo("CHARGED_BACK");
        // marked with the bank's report itself, before ordering has closed anything: no refund can slip in between
        var marked = api.get("/api/v1/admin/payments/" + paymentId)
                .bearer(CatalogApiFixtures.admin(api).accessToken())
                .send()
                .json();
        assertThat(marked.get("chargedBack").asBoolean()).isTrue();
        assertThat(marked.get("flagged").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(order(orderId).get("status").asString()).isEqualTo("REFUNDED"));
        awaitChargebackListener(paymentId);

        var events = api.get("/api/v1/orders/" + orderId + "/events")
                .bearer(buyer.accessToken())
                .send()
                .json();
        var last = events.get(events.size() - 1);
        assertThat(last.get("previousStatus").asString()).isEqualTo("DISPUTED");
        assertThat(last.get("actor").get("role").asString()).isEqualTo("SYSTEM");
        assertThat(last.get("note").asString())
                .contains("took the payment back")
                .contains(disputeId);
        // the seller's share and the commission are no longer on their way; the escrow's money left with the bank
        assertThat(escrow().debitsPending()).isZero();
        assertThat(escrow().available().amount()).isZero();
        assertThat(escrow().debitsPosted()).isEqualTo(5_050);
        assertThat(ledger.balance(AccountKey.wallet(seller.id()), "KES")
                        .incoming()
                        .amount())
                .isZero();
        assertThat(stripeClearing().creditsPosted() - clearingBefore.creditsPosted())
                .isEqualTo(5_050);
        assertThat(ledger.balance(AccountKey.platform(), "KES")).isEqualTo(platformBefore);
        // the dispute the chargeback opened is resolved REFUND by nobody: the bank decided
        var resolved = adminDispute(orderId, "RESOLVED");
        assertThat(resolved.get("outcome").asString()).isEqualTo("REFUND");
        assertThat(resolved.get("resolvedBy").isNull()).isTrue();
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");

        // the same report again, or another report of the same loss, moves nothing more
        assertOk(deliver(lost));
        var again = "evt_dl2_" + paymentId;
        assertOk(deliver(event(again, "charge.dispute.closed", dispute(disputeId, "lost"))));
        assertThat(inboxOutcome(again)).isEqualTo("CHARGED_BACK");
        awaitChargebackListener(paymentId);
        assertThat(escrow().debitsPosted()).isEqualTo(5_050);
        assertThat(stripeClearing().creditsPosted() - clearingBefore.creditsPosted())
                .isEqualTo(5_050);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aChargebackLostAfterTheSellerWasPaidIsThePlatformsLoss() throws Exception {
        var paymentId = paidByCard();
        var orderId = checkout.get("orders").get(0).get("id").asString();
        for (var status : java.util.List.of("PROCESSING", "SHIPPED")) {
            var moved = api.post("/api/v1/orders/" + orderId + "/status")
                    .bearer(seller.accessToken())
                    .json(Map.of("status", status, "trackingNumber", "TRK-1"))
                    .send();
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
        var completed = api.post("/api/v1/orders/" + orderId + "/confirm-receipt")
                .bearer(buyer.accessToken())
                .json(Map.of())
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        var sellerWallet = ledger.balance(AccountKey.wallet(seller.id()), "KES");
        var platformBefore = ledger.balance(AccountKey.platform(), "KES");
        var clearingBefore = stripeClearing();

        // the bank skipped the inquiry: the dispute is reported closed without ever having been opened here
        var disputeId = "dp_" + paymentId.substring(0, 8);
        assertOk(deliver(event("evt_dl_" + paymentId, "charge.dispute.closed", dispute(disputeId, "lost"))));
        awaitChargebackListener(paymentId);

        assertThat(order(orderId).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(ledger.balance(AccountKey.wallet(seller.id()), "KES"))
                .as("the seller keeps what they were paid")
                .isEqualTo(sellerWallet);
        assertThat(ledger.balance(AccountKey.platform(), "KES").debitsPosted() - platformBefore.debitsPosted())
                .isEqualTo(5_050);
        assertThat(stripeClearing().creditsPosted() - clearingBefore.creditsPosted())
                .isEqualTo(5_050);
        assertThat(escrow().available().amount()).isZero();

        // the buyer has the money back from their bank: no admin refund sends it a second time
        var admin = CatalogApiFixtures.admin(api);
        var platformAfter = ledger.balance(AccountKey.platform(), "KES");
        var orderRefund = api.post("/api/v1/admin/orders/" + orderId + "/refund")
                .bearer(admin.accessToken())
                .json(Map.of("note", "goodwill"))
                .send();
        assertThat(orderRefund.status()).as(orderRefund.toString()).isEqualTo(409);
        assertThat(orderRefund.code()).isEqualTo("payment_charged_back");
        assertThat(adminRefund(admin, Map.of("note", "goodwill")).code()).isEqualTo("nothing_to_refund");
        assertThat(ledger.balance(AccountKey.platform(), "KES")).isEqualTo(platformAfter);
        assertThat(jdbc.sql("select count(*) from refunds where payment_id = ?")
                        .param(UUID.fromString(paymentId))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aWonChargebackMovesNoMoneyAndLeavesTheFrozenOrderToAnAdmin() throws Exception {
        var paymentId = paidByCard();
        var orderId = checkout.get("orders").get(0).get("id").asString();
        var disputeId = frozenByAChargeback(paymentId, orderId);
        var clearingBefore = stripeClearing();

        assertOk(deliver(event("evt_dw_" + paymentId, "charge.dispute.closed", dispute(disputeId, "won"))));

        assertThat(inboxOutcome("evt_dw_" + paymentId)).isEqualTo("DISPUTE_WON");
        assertThat(order(orderId).get("status").asString()).isEqualTo("DISPUTED");
        assertThat(adminDispute(orderId, "OPEN").get("status").asString()).isEqualTo("OPEN");
        assertThat(escrow().debitsPending()).isEqualTo(5_050);
        assertThat(escrow().debitsPosted()).isZero();
        assertThat(stripeClearing()).isEqualTo(clearingBefore);
    }

    @Test
    void anAdminRefundsWhatARefusedRefundLeftInEscrowAndNoMore() throws Exception {
        var paymentId = paidByCard();
        stripe().stubFor(refundCreation()
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                                {"error":{"type":"invalid_request_error","code":"charge_disputed",
                                 "message":"Charge has been disputed; it cannot be refunded."}}""")));
        var first = cancelledAndRefundSent(paymentId);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "FAILED"
                        .equals(jdbc.sql("select status from refunds where id = ?")
                                .param(first)
                                .query(String.class)
                                .single()));
        assertThat(escrow().available().amount())
                .as("the money stays in escrow")
                .isEqualTo(5_050);

        var admin = CatalogApiFixtures.admin(api);
        assertThat(adminRefund(buyer, Map.of("note", "x")).status()).isEqualTo(403);
        var tooMuch = adminRefund(admin, Map.of("note", "x", "amount", Map.of("amount", 5_051, "currency", "KES")));
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("refund_too_large");
        var otherCurrency = adminRefund(admin, Map.of("note", "x", "amount", Map.of("amount", 100, "currency", "USD")));
        assertThat(otherCurrency.status()).as(otherCurrency.toString()).isEqualTo(400);
        assertThat(adminRefund(admin, Map.of("note", "x".repeat(401))).status()).isEqualTo(400);
        assertThat(escrow().available().amount()).as("refusals change nothing").isEqualTo(5_050);

        var refundId = "re_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        stripe().stubFor(refundCreation().willReturn(okJson("""
                        {"id":"%s","object":"refund","amount":5050,"charge":"%s","created":1692942318,"currency":"kes",
                         "metadata":{},"payment_intent":"%s","reason":null,"status":"pending"}
                        """.formatted(refundId, chargeId, intentId))));
        var refunded = adminRefund(admin, Map.of("note", "the dispute was withdrawn"));
        assertThat(refunded.status()).as(refunded.toString()).isEqualTo(201);
        var refunds = refunded.json().get("refunds");
        assertThat(refunds).hasSize(2);
        assertThat(refunds.get(1).get("status").asString()).isEqualTo("PENDING");
        assertThat(refunds.get(1).get("amount").get("amount").asLong()).isEqualTo(5_050);
        assertThat(refunds.get(1).get("reason").asString()).contains("the dispute was withdrawn");
        var second = UUID.fromString(refunds.get(1).get("id").asString());
        awaitRefundSent(jdbc, second);
        assertThat(refundCreations(second)).isEqualTo(1);
        assertThat(escrow().available().amount()).isZero();

        var again = adminRefund(admin, Map.of("note", "once more"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("nothing_to_refund");
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    private Api.Response adminRefund(Accounts.Session who, Map<String, Object> body) {
        return api.post("/api/v1/admin/payments/" + paymentOfThisCheckout() + "/refund")
                .bearer(who.accessToken())
                .json(body)
                .send();
    }

    private UUID paymentOfThisCheckout() {
        return jdbc.sql("select id from payments where reference_id = ?")
                .param(checkoutId)
                .query(UUID.class)
                .single();
    }

    /** Stripe reports a dispute of the payment; returns its id once the order is DISPUTED. */
    private String frozenByAChargeback(String paymentId, String orderId) throws Exception {
        var disputeId = "dp_" + paymentId.substring(0, 8);
        assertOk(deliver(event("evt_d_" + paymentId, "charge.dispute.created", dispute(disputeId))));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(order(orderId).get("status").asString()).isEqualTo("DISPUTED"));
        return disputeId;
    }

    private Ledger.Balance stripeClearing() {
        return ledger.balance(AccountKey.clearing("STRIPE"), "KES");
    }

    private String inboxOutcome(String eventId) {
        return jdbc.sql("select outcome from payment_inbox where provider = 'STRIPE' and external_id = ?")
                .param(eventId)
                .query(String.class)
                .single();
    }

    /** Waits until ordering has handled every {@code PaymentChargedBack} of the payment (its publications are gone). */
    private void awaitChargebackListener(String paymentId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                                select not exists (select 1 from event_publication
                                                    where event_type like '%PaymentChargedBack%'
                                                      and serialized_event like ?)""")
                        .param("%" + paymentId + "%")
                        .query(Boolean.class)
                        .single());
    }

    /** The order's one dispute of {@code status}, as admins list it. */
    private JsonNode adminDispute(String orderId, String status) {
        var admin = CatalogApiFixtures.admin(api);
        var page = api.get("/api/v1/admin/disputes?status=" + status + "&limit=100")
                .bearer(admin.accessToken())
                .send()
                .json();
        var ofThisOrder = new java.util.ArrayList<JsonNode>();
        page.get("items").forEach(item -> {
            if (item.get("orderId").asString().equals(orderId)) {
                ofThisOrder.add(item);
            }
        });
        assertThat(ofThisOrder).hasSize(1);
        return ofThisOrder.get(0);
    }

    private String dispute(String disputeId, String status) {
        return """
                {"id":"%s","object":"dispute","amount":5050,"currency":"kes","charge":"%s",
                 "payment_intent":"%s","reason":"fraudulent","status":"%s","metadata":{}}
                """.formatted(disputeId, chargeId, intentId, status);
    }

    private double flaggedGauge() {
        return meters.get("marketplace.payments.flagged").gauge().value();
    }

    private String dispute(String disputeId) {
        return dispute(disputeId, "warning_needs_response");
    }

    private JsonNode order(String orderId) {
        return api.get("/api/v1/orders/" + orderId)
                .bearer(buyer.accessToken())
                .send()
                .json();
    }
}
