package com.betanet.marketplace.payments;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.OrderingFixtures.stock;
import static com.betanet.marketplace.support.PaymentFixtures.awaitCheckout;
import static com.betanet.marketplace.support.PaymentFixtures.awaitPayment;
import static com.betanet.marketplace.support.PaymentFixtures.awaitRefundSent;
import static com.betanet.marketplace.support.PaymentFixtures.awaitWebhooksApplied;
import static com.betanet.marketplace.support.PaymentFixtures.onlyRefund;
import static com.betanet.marketplace.support.PaymentFixtures.pay;
import static com.betanet.marketplace.support.PaymentFixtures.payment;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_B2C_INITIATOR;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_B2C_PATH;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_CALLBACK_SECRET;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_CONSUMER_KEY;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_CONSUMER_SECRET;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_PASSKEY;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_QUERY_PATH;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_READ_TIMEOUT_MILLIS;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_SHORTCODE;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_STATUS_PATH;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_STK_PATH;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_TOKEN;
import static com.betanet.marketplace.support.ProviderTestServers.MPESA_TOKEN_PATH;
import static com.betanet.marketplace.support.ProviderTestServers.PUBLIC_BASE_URL;
import static com.betanet.marketplace.support.ProviderTestServers.daraja;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.payments.application.PaymentReconciliation;
import com.betanet.marketplace.payments.application.RefundRequested;
import com.betanet.marketplace.payments.application.RefundStatusChecks;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HeldRows;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.ProviderIntegrationTest;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** M-Pesa for real: the Daraja adapter against WireMock speaking Daraja's documented JSON, and Daraja's callbacks. */
@ProviderIntegrationTest
class MpesaPaymentTests extends HttpTest {

    static final String CALLBACK_PATH = "/api/v1/webhooks/mpesa/" + MPESA_CALLBACK_SECRET;

    @Autowired
    Ledger ledger;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RefundStatusChecks refundChecks;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    Accounts.Session buyer;
    Accounts.Session seller;
    UUID productId;
    UUID checkoutId;
    /** This test's payer, as typed ({@code 07…}) and as Daraja gets it ({@code 2547…}). */
    String phone;

    String msisdn;

    @BeforeEach
    void checkout() {
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
        productId = product(api, seller, categoryId, 2_500, 10);
        addToCart(api, buyer, productId, 2); // KES 50.00
        checkoutId = UUID.fromString(checkedOut(api, buyer).get("id").asString());
        var digits = String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        phone = "071" + digits;
        msisdn = "25471" + digits;
    }

    private MappingBuilder stkPushFromThisPhone() {
        return post(urlPathEqualTo(MPESA_STK_PATH)).withRequestBody(matchingJsonPath("$.PhoneNumber", equalTo(msisdn)));
    }

    /** Daraja accepts this test's push and answers with {@code checkoutRequestId}. */
    private String darajaAccepts() {
        var checkoutRequestId = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
        daraja().stubFor(stkPushFromThisPhone().willReturn(okJson(accepted(checkoutRequestId))));
        return checkoutRequestId;
    }

    private static String accepted(String checkoutRequestId) {
        return """
                {"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"%s","ResponseCode":"0",
                 "ResponseDescription":"Success. Request accepted for processing",
                 "CustomerMessage":"Success. Request accepted for processing"}
                """.formatted(checkoutRequestId);
    }

    /** Pays this test's checkout by M-Pesa from this test's phone; returns the payment. */
    private JsonNode payByMpesa() {
        var response = pay(api, buyer, checkoutId, phone);
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        return response.json();
    }

    /** Pays this test's checkout by M-Pesa, with Daraja's success callback; returns the payment id. */
    private String paidByMpesa() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        assertAcknowledged(callback(successCallback(checkoutRequestId, 50, msisdn)));
        return paymentId;
    }

    /** Daraja accepts B2C payments (refunds) to this test's phone, answering with {@code conversationId}. */
    /** The buyer cancels the paid order (it is refunded). */
    private void cancelledByBuyer(String orderId, String reason) {
        var cancelled = api.post("/api/v1/orders/" + orderId + "/cancel")
                .bearer(buyer.accessToken())
                .json(Map.of("reason", reason))
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    /** Daraja takes every Transaction Status query; its answer is posted to our ResultURL by the test. */
    private static void darajaAcceptsStatusQueries() {
        daraja().stubFor(post(urlPathEqualTo(MPESA_STATUS_PATH)).willReturn(okJson("""
                        {"OriginatorConversationID":"status","ConversationID":"AG_20191219_0000status",
                         "ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}""")));
    }

    private void b2cAcceptsRefundsToThisPhone(String conversationId) {
        daraja().stubFor(post(urlPathEqualTo(MPESA_B2C_PATH))
                .withRequestBody(matchingJsonPath("$.PartyB", equalTo(msisdn)))
                .willReturn(okJson("""
                        {"ConversationID":"%s","OriginatorConversationID":"refund",
                         "ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}""".formatted(conversationId))));
    }

    /** The one B2C request (a refund) sent to this test's phone, once it was sent. */
    private JsonNode theB2cToThisPhone() {
        var sent = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> daraja().findAll(postRequestedFor(urlPathEqualTo(MPESA_B2C_PATH))
                                .withRequestBody(matchingJsonPath("$.PartyB", equalTo(msisdn)))),
                        requests -> requests.size() == 1);
        return Api.JSON.readTree(sent.get(0).getBodyAsString());
    }

    private static String successCallback(String checkoutRequestId, long shillings, String msisdn) {
        return """
                {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"%s",
                 "ResultCode":0,"ResultDesc":"The service request is processed successfully.",
                 "CallbackMetadata":{"Item":[{"Name":"Amount","Value":%d},
                   {"Name":"MpesaReceiptNumber","Value":"NLJ7RT61SV"},{"Name":"Balance"},
                   {"Name":"TransactionDate","Value":20191219102115},{"Name":"PhoneNumber","Value":%s}]}}}}
                """.formatted(checkoutRequestId, shillings, msisdn);
    }

    private static String failedCallback(String checkoutRequestId, int resultCode, String resultDesc) {
        return """
                {"Body":{"stkCallback":{"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"%s",
                 "ResultCode":%d,"ResultDesc":"%s"}}}
                """.formatted(checkoutRequestId, resultCode, resultDesc);
    }

    /** Posts a callback and, once it is answered, waits until what it recorded is applied. */
    private Api.Response callback(Api client, String path, String body) {
        var response = client.post(path)
                .body("application/json", body.getBytes(StandardCharsets.UTF_8))
                .send();
        awaitWebhooksApplied(jdbc);
        return response;
    }

    private Api.Response callback(String body) {
        return callback(api, CALLBACK_PATH, body);
    }

    private static void assertAcknowledged(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("ResultCode").asInt()).isZero();
        assertThat(response.json().get("ResultDesc").asString()).isEqualTo("Accepted");
    }

    private Ledger.Balance escrow() {
        return ledger.balance(AccountKey.checkoutEscrow(checkoutId), "KES");
    }

    private String checkoutStatus() {
        return api.get("/api/v1/checkouts/" + checkoutId)
                .bearer(buyer.accessToken())
                .send()
                .json()
                .get("status")
                .asString();
    }

    @Test
    void theFullPathFromStkPushToAPaidCheckoutWithItsMoneyInEscrow() {
        var checkoutRequestId = darajaAccepts();
        var clearingBefore = ledger.balance(AccountKey.clearing("MPESA"), "KES");

        var started = payByMpesa();
        assertThat(started.get("status").asString()).isEqualTo("PENDING");
        assertThat(started.get("providerReference").asString()).isEqualTo(checkoutRequestId);

        daraja().verify(getRequestedFor(urlEqualTo(MPESA_TOKEN_PATH))
                .withHeader(
                        "Authorization",
                        equalTo("Basic "
                                + Base64.getEncoder()
                                        .encodeToString((MPESA_CONSUMER_KEY + ":" + MPESA_CONSUMER_SECRET)
                                                .getBytes(StandardCharsets.UTF_8)))));
        var pushes = daraja().findAll(postRequestedFor(urlPathEqualTo(MPESA_STK_PATH))
                .withHeader("Authorization", equalTo("Bearer " + MPESA_TOKEN))
                .withRequestBody(matchingJsonPath("$.PhoneNumber", equalTo(msisdn))));
        assertThat(pushes).hasSize(1);
        var push = Api.JSON.readTree(pushes.get(0).getBodyAsString());
        var timestamp = push.get("Timestamp").asString();
        assertThat(timestamp).matches("\\d{14}");
        var sentAt = LocalDateTime.parse(timestamp, DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                .atZone(ZoneId.of("Africa/Nairobi"))
                .toInstant();
        assertThat(Duration.between(sentAt, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        var password = Base64.getEncoder()
                .encodeToString((MPESA_SHORTCODE + MPESA_PASSKEY + timestamp).getBytes(StandardCharsets.UTF_8));
        assertThat(push.get("BusinessShortCode").isNumber()).isTrue();
        assertThat(push.get("BusinessShortCode").asLong()).isEqualTo(174379);
        assertThat(push.get("Password").asString()).isEqualTo(password);
        assertThat(push.get("TransactionType").asString()).isEqualTo("CustomerPayBillOnline");
        assertThat(push.get("Amount").isIntegralNumber()).isTrue();
        assertThat(push.get("Amount").asLong()).isEqualTo(50);
        assertThat(push.get("PartyA").asLong()).isEqualTo(Long.parseLong(msisdn));
        assertThat(push.get("PartyB").asLong()).isEqualTo(174379);
        assertThat(push.get("PhoneNumber").asLong()).isEqualTo(Long.parseLong(msisdn));
        assertThat(push.get("CallBackURL").asString()).isEqualTo(PUBLIC_BASE_URL + CALLBACK_PATH);
        assertThat(push.get("AccountReference").asString()).matches("BN[0-9A-F]{10}");
        assertThat(push.get("TransactionDesc").asString()).hasSizeLessThanOrEqualTo(13);

        assertAcknowledged(callback(successCallback(checkoutRequestId, 50, msisdn)));

        var paid = awaitCheckout(api, buyer, checkoutId, "PAID");
        for (var order : paid.get("orders")) {
            assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        }
        assertThat(payment(api, buyer, started.get("id").asString())
                        .get("status")
                        .asString())
                .isEqualTo("SUCCEEDED");
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        assertThat(ledger.balance(AccountKey.clearing("MPESA"), "KES").debitsPosted() - clearingBefore.debitsPosted())
                .isEqualTo(5_000);
        assertThat(ledger.trialBalance().balanced()).isTrue();
        assertThat(stock(api, productId)).isEqualTo(8);
    }

    private String firstOrderOfPaidCheckout() {
        return awaitCheckout(api, buyer, checkoutId, "PAID")
                .get("orders")
                .get(0)
                .get("id")
                .asString();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void cancellingAPaidOrderPaysTheMoneyBackToThePayersPhoneByB2c(CapturedOutput log) {
        var paymentId = paidByMpesa();
        var orderId = firstOrderOfPaidCheckout();
        b2cAcceptsRefundsToThisPhone("AG_20191219_00005797af5d7d75f652");

        cancelledByBuyer(orderId, "changed my mind");

        var b2c = theB2cToThisPhone();
        assertThat(b2c.get("CommandID").asString()).isEqualTo("BusinessPayment");
        assertThat(b2c.get("InitiatorName").asString()).isEqualTo(MPESA_B2C_INITIATOR);
        assertThat(b2c.get("Amount").asLong()).isEqualTo(50);
        assertThat(b2c.get("ResultURL").asString()).isEqualTo(PUBLIC_BASE_URL + CALLBACK_PATH + "/b2c/result");
        var refundId = b2c.get("OriginatorConversationID").asString();
        assertThat(jdbc.sql("select status from refunds where id = ?::uuid")
                        .param(refundId)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
        assertThat(escrow().debitsPending()).as("the refund is held in escrow").isEqualTo(5_000);

        var result = """
                {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.",
                 "OriginatorConversationID":"%s","ConversationID":"AG_20191219_00005797af5d7d75f652",
                 "TransactionID":"NLJ41HAY6Q","ResultParameters":{"ResultParameter":[
                   {"Key":"TransactionAmount","Value":50},{"Key":"TransactionReceipt","Value":"NLJ41HAY6Q"},
                   {"Key":"ReceiverPartyPublicName","Value":"%s - Wanjiku Kamau"}]}}}
                """.formatted(refundId, msisdn);
        assertAcknowledged(callback(api, CALLBACK_PATH + "/b2c/result", result));
        assertAcknowledged(callback(api, CALLBACK_PATH + "/b2c/result", result)); // a duplicate changes nothing
        // a refund's result is no stranger: no "matches none of ours" warning for operators to chase
        assertThat(log.getOut()).doesNotContain("on nothing of ours").doesNotContain("matches none of ours");

        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(escrow().debitsPending()).isZero();
        assertThat(escrow().debitsPosted()).isEqualTo(5_000);
        assertThat(escrow().available().amount()).isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aRefundWhoseB2cTimesOutInTheQueueIsSettledByATransactionStatusQuery() {
        var paymentId = paidByMpesa();
        var orderId = firstOrderOfPaidCheckout();
        b2cAcceptsRefundsToThisPhone("AG_20191219_0000timeout");
        darajaAcceptsStatusQueries();
        cancelledByBuyer(orderId, "out of stock after all");
        var refundId = theB2cToThisPhone().get("OriginatorConversationID").asString();

        assertAcknowledged(callback(api, CALLBACK_PATH + "/b2c/timeout", """
                {"Result":{"ResultType":1,"ResultCode":1,"ResultDesc":"The service request has timed out.",
                  "OriginatorConversationID":"%s","ConversationID":"AG_20191219_0000timeout"}}
                """.formatted(refundId)));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> daraja().findAll(postRequestedFor(urlPathEqualTo(MPESA_STATUS_PATH))
                                .withRequestBody(matchingJsonPath("$.OriginalConversationID", equalTo(refundId)))),
                        requests -> requests.size() == 1);
        assertThat(payment(api, buyer, paymentId).get("status").asString())
                .as("a queue timeout proves nothing")
                .isEqualTo("SUCCEEDED");
        assertThat(escrow().debitsPending()).isEqualTo(5_000);

        assertAcknowledged(callback(api, CALLBACK_PATH + "/b2c/status", refundStatusCompleted(refundId)));

        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(escrow().debitsPending()).isZero();
        assertThat(escrow().debitsPosted()).isEqualTo(5_000);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aRefundWhoseB2cCallGetsNoAnswerIsNeverSentAgainButAskedAboutAndSettled() {
        var paymentId = paidByMpesa();
        var orderId = firstOrderOfPaidCheckout();
        // Daraja takes the B2C payment, but its answer comes after the adapter gave up waiting
        daraja().stubFor(post(urlPathEqualTo(MPESA_B2C_PATH))
                .withRequestBody(matchingJsonPath("$.PartyB", equalTo(msisdn)))
                .willReturn(okJson("""
                                {"ConversationID":"AG_20191219_0000late","OriginatorConversationID":"refund",
                                 "ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}""").withFixedDelay(MPESA_READ_TIMEOUT_MILLIS + 1_000)));
        darajaAcceptsStatusQueries();
        cancelledByBuyer(orderId, "changed my mind");
        var refundId = onlyRefund(jdbc, paymentId);
        awaitRefundSent(jdbc, refundId);
        assertThat(refundB2cRequests()).isEqualTo(1);
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(escrow().debitsPending())
                .as("still held: the money may be on its way")
                .isEqualTo(5_000);

        // a re-delivery of the request (the outbox after a crash) and an early status check send nothing
        transactions.executeWithoutResult(
                tx -> events.publishEvent(new RefundRequested(refundId, UUID.fromString(paymentId))));
        awaitRefundSent(jdbc, refundId);
        refundChecks.check(Instant.now());
        assertThat(refundB2cRequests()).isEqualTo(1);

        // once due, the status job asks Daraja about the payment by our OriginatorConversationID, and its answer
        // settles the refund
        refundChecks.check(Instant.now().plus(Duration.ofMinutes(6)));
        daraja().verify(
                        1,
                        postRequestedFor(urlPathEqualTo(MPESA_STATUS_PATH))
                                .withRequestBody(
                                        matchingJsonPath("$.OriginalConversationID", equalTo(refundId.toString()))));
        assertThat(refundB2cRequests()).isEqualTo(1);
        assertAcknowledged(callback(api, CALLBACK_PATH + "/b2c/status", refundStatusCompleted(refundId)));

        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("REFUNDED");
        assertThat(escrow().debitsPending()).isZero();
        assertThat(escrow().debitsPosted()).isEqualTo(5_000);

        // the B2C result that finally comes changes nothing more
        assertAcknowledged(callback(api, CALLBACK_PATH + "/b2c/result", """
                {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.",
                 "OriginatorConversationID":"%s","ConversationID":"AG_20191219_0000late",
                 "TransactionID":"LGR919G2AW","ResultParameters":{"ResultParameter":[
                   {"Key":"TransactionAmount","Value":50},{"Key":"TransactionReceipt","Value":"LGR919G2AW"}]}}}
                """.formatted(refundId)));
        assertThat(escrow().debitsPosted()).isEqualTo(5_000);
        assertThat(refundChecks.check(Instant.now().plus(Duration.ofMinutes(12))))
                .as("a settled refund is not checked again")
                .isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    /** Daraja's Transaction Status result: the refund's B2C payment (OriginatorConversationID) completed. */
    private static String refundStatusCompleted(Object refundId) {
        return """
                {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request has been accepted successfully.",
                  "OriginatorConversationID":"%s","ConversationID":"AG_20191219_0000status","TransactionID":"LGR0000000",
                  "ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"LGR919G2AV"},
                    {"Key":"Amount","Value":50},{"Key":"TransactionStatus","Value":"Completed"},
                    {"Key":"Originator Conversation ID","Value":"%s"}]},
                  "ReferenceData":{"ReferenceItem":{"Key":"Occasion","Value":"%s"}}}}
                """.formatted(UUID.randomUUID(), refundId, refundId);
    }

    private int refundB2cRequests() {
        return daraja().findAll(postRequestedFor(urlPathEqualTo(MPESA_B2C_PATH))
                        .withRequestBody(matchingJsonPath("$.PartyB", equalTo(msisdn))))
                .size();
    }

    /** Records a callback as the webhook does, without waking the inbox worker (as if the node stopped then). */
    private void recordedOnly(String checkoutRequestId, String payload) {
        jdbc.sql("""
                        insert into payment_inbox (provider, external_id, payload, received_at, kind, next_attempt_at)
                        values ('MPESA', ?, ?::jsonb, now(), 'MPESA_STK', now())""").params(checkoutRequestId, payload).update();
    }

    private Map<String, Object> inboxRow(String checkoutRequestId) {
        return jdbc.sql("""
                        select processed_at, outcome, attempts, last_error,
                               extract(epoch from next_attempt_at - now()) as retry_in_s
                        from payment_inbox where provider = 'MPESA' and external_id = ?""").param(checkoutRequestId).query().singleRow();
    }

    @Test
    void aCallbackAnsweredButNotAppliedBeforeTheNodeStoppedIsAppliedByTheNextLookForDueDocuments() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        recordedOnly(checkoutRequestId, successCallback(checkoutRequestId, 50, msisdn));

        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        awaitCheckout(api, buyer, checkoutId, "PAID");
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        assertThat(inboxRow(checkoutRequestId))
                .containsEntry("outcome", "SUCCEEDED")
                .containsEntry("attempts", 0);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aRecordedCallbackThatCannotBeAppliedChangesNothingAndIsTriedAgainAfterADelay() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        recordedOnly(checkoutRequestId, "{\"Body\":{}}");

        var failed = await().atMost(Duration.ofSeconds(15))
                .until(() -> inboxRow(checkoutRequestId), row -> ((Number) row.get("attempts")).intValue() == 1);
        assertThat(failed.get("processed_at")).isNull();
        assertThat((String) failed.get("last_error")).contains("stkCallback");
        assertThat(((Number) failed.get("retry_in_s")).doubleValue()).isBetween(0.0, 5.0);
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("PENDING");
        assertThat(escrow().creditsPosted()).isZero();

        // what an operator does after reading last_error: the document mended, it is applied at the next attempt
        jdbc.sql("update payment_inbox set payload = ?::jsonb where provider = 'MPESA' and external_id = ?")
                .params(successCallback(checkoutRequestId, 50, msisdn), checkoutRequestId)
                .update();
        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        assertThat(inboxRow(checkoutRequestId)).containsEntry("outcome", "SUCCEEDED");
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    /** Posts a callback and returns its answer, without waiting for anything else. */
    private Api.Response posted(Api client, String body) {
        return client.post(CALLBACK_PATH)
                .body("application/json", body.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    @Test
    void aCallbackIsAppliedBeforeItIsAnsweredWhileTheNodeHasAPlaceFree() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();

        assertAcknowledged(posted(api, successCallback(checkoutRequestId, 50, msisdn)));

        // no waiting: the payment moved before the answer
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(inboxRow(checkoutRequestId)).containsEntry("outcome", "SUCCEEDED");
    }

    @Test
    void aSuccessCallbackAfterAFailureForTheSameRequestCountsAsItsOwnReportAndIsKeptForAnAdmin() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        var failure = failedCallback(checkoutRequestId, 1032, "Request cancelled by user");
        assertAcknowledged(callback(api, CALLBACK_PATH, failure));
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("FAILED");

        // the same failure again, written otherwise: an ordinary redelivery
        assertAcknowledged(callback(api, CALLBACK_PATH, failure.replace(",", ", ")));
        assertThat(contradiction(checkoutRequestId)).containsEntry("contradicted_by", null);

        // the money came after all: the contradicting report counts, as an STK query's success after a failure would
        var success = successCallback(checkoutRequestId, 50, msisdn);
        assertAcknowledged(callback(api, CALLBACK_PATH, success));
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
        awaitCheckout(api, buyer, checkoutId, "PAID");
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        var kept = contradiction(checkoutRequestId);
        assertThat(Api.JSON.readTree((String) kept.get("contradicted_by")))
                .as("the first contradicting report")
                .isEqualTo(Api.JSON.readTree(success));
        assertThat(kept.get("contradicted_at")).isNotNull();
        assertThat(inboxRow(checkoutRequestId)).containsEntry("outcome", "FAILED");
        assertThat(inboxRow(checkoutRequestId + "/contradicting")).containsEntry("outcome", "SUCCEEDED");

        // the success again, and a third report: a failure never undoes a success, and nothing is applied twice
        assertAcknowledged(callback(api, CALLBACK_PATH, success));
        var third = failedCallback(checkoutRequestId, 2001, "Wrong PIN");
        assertAcknowledged(callback(api, CALLBACK_PATH, third));
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        assertThat(Api.JSON.readTree((String)
                        contradiction(checkoutRequestId + "/contradicting").get("contradicted_by")))
                .as("kept on the second report's row")
                .isEqualTo(Api.JSON.readTree(third));
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aCallbackDeliveredOverAnUnreadableRecordedOneIsAnsweredKeptForAnAdminAndApplied() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        recordedOnly(checkoutRequestId, "{\"Body\":{}}");

        var success = successCallback(checkoutRequestId, 50, msisdn);
        assertAcknowledged(posted(api, success));

        assertThat(Api.JSON.readTree((String) contradiction(checkoutRequestId).get("contradicted_by")))
                .isEqualTo(Api.JSON.readTree(success));
        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
    }

    @Test
    void aContradictingCallbackThatCameWhileTheFirstWasBeingRecordedIsKeptToo() throws Exception {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        // the first delivery's statement, not committed yet when the second one's begins
        var first = HeldRows.lock(
                transactions,
                jdbc,
                """
                insert into payment_inbox (provider, external_id, payload, received_at, kind, next_attempt_at)
                values ('MPESA', ?, ?::jsonb, now(), 'MPESA_STK', now()) returning 1""",
                checkoutRequestId,
                failedCallback(checkoutRequestId, 1032, "Request cancelled by user"));
        var success = successCallback(checkoutRequestId, 50, msisdn);
        var second = CompletableFuture.supplyAsync(() -> posted(new Api(port), success));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                                select count(*) from pg_stat_activity
                                where wait_event_type = 'Lock' and query like '%insert into payment_inbox%'""").query(Long.class).single() == 1);
        first.close();

        assertAcknowledged(second.get(10, TimeUnit.SECONDS));
        assertThat(Api.JSON.readTree((String) contradiction(checkoutRequestId).get("contradicted_by")))
                .isEqualTo(Api.JSON.readTree(success));
        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
    }

    private Map<String, Object> contradiction(String checkoutRequestId) {
        return jdbc.sql("""
                        select contradicted_by::text as contradicted_by, contradicted_at from payment_inbox
                        where provider = 'MPESA' and external_id = ?""").param(checkoutRequestId).query().singleRow();
    }

    @Test
    void whileEveryPlaceIsTakenACallbackIsAnsweredOnceRecordedAndNoneWaitsLongForALockedPayment() throws Exception {
        // two callbacks whose application waits for their payments' rows, which this test holds: they take both places
        var first = darajaAccepts();
        var firstPayment = payByMpesa().get("id").asString();
        addToCart(api, buyer, productId, 1);
        var otherCheckout = UUID.fromString(checkedOut(api, buyer).get("id").asString());
        var otherPhone = "0722" + phone.substring(4);
        var second = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
        daraja().stubFor(post(urlPathEqualTo(MPESA_STK_PATH))
                .withRequestBody(matchingJsonPath("$.PhoneNumber", equalTo("254" + otherPhone.substring(1))))
                .willReturn(okJson(accepted(second))));
        var secondPayment =
                pay(api, buyer, otherCheckout, otherPhone).json().get("id").asString();

        var held = HeldRows.lock(
                transactions,
                jdbc,
                "select id from payments where id in (?::uuid, ?::uuid) for update",
                UUID.fromString(firstPayment),
                UUID.fromString(secondPayment));
        var blocked = List.of(
                CompletableFuture.supplyAsync(() -> posted(new Api(port), successCallback(first, 50, msisdn))),
                CompletableFuture.supplyAsync(
                        () -> posted(new Api(port), successCallback(second, 25, "254" + otherPhone.substring(1)))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                                select count(*) from pg_stat_activity
                                where wait_event_type = 'Lock' and query like '%from payments%for update%'""").query(Long.class).single() == 2);

        var third = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
        assertAcknowledged(posted(api, successCallback(third, 10, "254799999998")));
        assertThat(inboxRow(third).get("processed_at"))
                .as("recorded, not applied yet")
                .isNull();

        // the two waiting for the held rows give up after the longest lock wait (2 s) and answer, the rows still held
        for (var answer : blocked) {
            assertAcknowledged(answer.get(6, TimeUnit.SECONDS));
        }
        assertThat(held.held()).isTrue();
        for (var waited : List.of(first, second)) {
            assertThat(inboxRow(waited)).containsEntry("attempts", 1).containsEntry("processed_at", null);
            assertThat((String) inboxRow(waited).get("last_error")).contains("lock timeout");
        }

        held.close();
        // each tried again 5 s after its failure
        awaitPayment(api, buyer, firstPayment, "SUCCEEDED");
        awaitPayment(api, buyer, secondPayment, "SUCCEEDED");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> inboxRow(third), row -> "UNKNOWN_PAYMENT".equals(row.get("outcome")));
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void theSameCallbackTenTimesAtOnceIsCreditedOnce() throws Exception {
        var checkoutRequestId = darajaAccepts();
        payByMpesa();
        var body = successCallback(checkoutRequestId, 50, msisdn);
        var pool = Executors.newFixedThreadPool(10);
        try {
            var calls = new ArrayList<Callable<Api.Response>>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> callback(new Api(port), CALLBACK_PATH, body));
            }
            for (var answer : pool.invokeAll(calls)) {
                assertAcknowledged(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        awaitCheckout(api, buyer, checkoutId, "PAID");
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        assertThat(jdbc.sql("select count(*) from payment_inbox where provider = 'MPESA' and external_id = ?")
                        .param(checkoutRequestId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aCancelledPushFailsWithItsReasonAndTheStockStaysReserved() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();

        assertAcknowledged(callback(failedCallback(checkoutRequestId, 1032, "Request cancelled by user")));

        var failed = awaitPayment(api, buyer, paymentId, "FAILED");
        assertThat(failed.get("failureReason").asString()).isEqualTo("The payment was cancelled on the phone");
        assertThat(checkoutStatus()).isEqualTo("PENDING_PAYMENT");
        assertThat(stock(api, productId)).isEqualTo(8);
        assertThat(escrow().creditsPosted()).isZero();
    }

    @Test
    void anotherAmountIsNotCreditedButFlaggedAndHeldInSuspense() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        var suspenseBefore = ledger.balance(AccountKey.suspense(), "KES");

        assertAcknowledged(callback(successCallback(checkoutRequestId, 49, msisdn)));

        var payment = awaitPayment(api, buyer, paymentId, "FAILED");
        assertThat(payment.get("failureReason").asString()).contains("Received KES 49.00 instead of KES 50.00");
        assertThat(jdbc.sql("select flagged from payments where id = ?")
                        .param(UUID.fromString(paymentId))
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(ledger.balance(AccountKey.suspense(), "KES").creditsPosted() - suspenseBefore.creditsPosted())
                .isEqualTo(4_900);
        assertThat(escrow().creditsPosted()).isZero();
        assertThat(checkoutStatus()).isEqualTo("PENDING_PAYMENT");
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void anAdminSendsMoneyHeldInSuspenseBackToThePhoneItCameFromByB2c() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        assertAcknowledged(callback(successCallback(checkoutRequestId, 49, msisdn)));
        awaitPayment(api, buyer, paymentId, "FAILED");
        var suspenseBefore = ledger.balance(AccountKey.suspense(), "KES");
        b2cAcceptsRefundsToThisPhone("AG_20191219_0000suspense0000001");

        var refund = api.post("/api/v1/admin/payments/" + paymentId + "/refund")
                .bearer(CatalogApiFixtures.admin(api).accessToken())
                .send();

        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        var b2c = theB2cToThisPhone();
        assertThat(b2c.get("Amount").asLong()).isEqualTo(49);
        var refundId = b2c.get("OriginatorConversationID").asString();
        assertThat(ledger.balance(AccountKey.suspense(), "KES").debitsPending() - suspenseBefore.debitsPending())
                .as("held in suspense until Daraja confirms")
                .isEqualTo(4_900);

        assertAcknowledged(callback(api, CALLBACK_PATH + "/b2c/result", """
                {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.",
                 "OriginatorConversationID":"%s","ConversationID":"AG_20191219_0000suspense0000001",
                 "TransactionID":"NLJ41HAY7Q","ResultParameters":{"ResultParameter":[
                   {"Key":"TransactionAmount","Value":49},{"Key":"TransactionReceipt","Value":"NLJ41HAY7Q"}]}}}
                """.formatted(refundId)));

        var suspense = ledger.balance(AccountKey.suspense(), "KES");
        assertThat(suspense.debitsPosted() - suspenseBefore.debitsPosted()).isEqualTo(4_900);
        assertThat(suspense.debitsPending()).isEqualTo(suspenseBefore.debitsPending());
        assertThat(jdbc.sql("select status from refunds where id = ?::uuid")
                        .param(refundId)
                        .query(String.class)
                        .single())
                .isEqualTo("SUCCEEDED");
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("FAILED");
        assertThat(checkoutStatus()).isEqualTo("PENDING_PAYMENT");
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aCallbackForAnUnknownCheckoutRequestIsAcknowledgedAndChangesNothing() {
        darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        var unknown = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
        var trialBefore = ledger.trialBalance();

        // another phone and amount too, so it cannot be taken for this test's payment
        assertAcknowledged(callback(successCallback(unknown, 50, "254799999999")));

        assertThat(jdbc.sql("select outcome from payment_inbox where provider = 'MPESA' and external_id = ?")
                        .param(unknown)
                        .query(String.class)
                        .single())
                .isEqualTo("UNKNOWN_PAYMENT");
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("PENDING");
        assertThat(ledger.trialBalance()).isEqualTo(trialBefore);
    }

    @Test
    void aWrongSecretIsNotFoundAndAnUnreadableCallbackIsABadRequest() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        var body = successCallback(checkoutRequestId, 50, msisdn);

        var wrong = callback(api, "/api/v1/webhooks/mpesa/" + MPESA_CALLBACK_SECRET + "x", body);
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(404);
        assertThat(wrong.code()).isEqualTo("not_found");
        var unreadable = callback("{\"Body\":{}}");
        assertThat(unreadable.status()).as(unreadable.toString()).isEqualTo(400);
        assertThat(unreadable.code()).isEqualTo("validation_failed");
        var notJson = callback("<xml/>");
        assertThat(notJson.status()).as(notJson.toString()).isEqualTo(400);
        // readable, but holding what cannot be stored: a NUL character, an unpaired surrogate, a huge id or amount
        for (var unstorable : List.of(
                body.replace("The service request is processed successfully.", "nul \\u0000 here"),
                body.replace("The service request is processed successfully.", "half \\ud800 a pair"),
                successCallback("ws_CO_" + "9".repeat(300), 50, msisdn),
                // an amount no payment can have, which the ledger's sums could not hold
                successCallback(checkoutRequestId, 92_233_720_368_547_758L, msisdn))) {
            var refused = callback(unstorable);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("validation_failed");
        }

        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from payment_inbox where external_id = ?")
                        .param(checkoutRequestId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aCallbackIsAuthenticatedByItsSecretAloneWhateverAuthorizationHeaderComesWithIt() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();

        // a proxy or a misconfigured sender may add one: it is not the API's bearer token and must not stop the
        // callback
        var response = api.post(CALLBACK_PATH)
                .bearer("not-a-token")
                .body(
                        "application/json",
                        successCallback(checkoutRequestId, 50, msisdn).getBytes(StandardCharsets.UTF_8))
                .send();
        assertAcknowledged(response);

        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        var get = api.get(CALLBACK_PATH).bearer("not-a-token").send();
        assertThat(get.status()).as(get.toString()).isEqualTo(405);
    }

    @Test
    void theReconciliationJobSettlesAPaymentWhoseCallbackNeverCameWithAnStkQuery() {
        var checkoutRequestId = darajaAccepts();
        var paymentId = payByMpesa().get("id").asString();
        daraja().stubFor(post(urlPathEqualTo(MPESA_QUERY_PATH))
                .withRequestBody(matchingJsonPath("$.CheckoutRequestID", equalTo(checkoutRequestId)))
                .willReturn(okJson("""
                        {"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully",
                         "MerchantRequestID":"22205-34066-1","CheckoutRequestID":"%s","ResultCode":"0",
                         "ResultDesc":"The service request is processed successfully."}
                        """.formatted(checkoutRequestId))));

        reconciliation.reconcile(Instant.now().plus(Duration.ofMinutes(4)));

        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        awaitCheckout(api, buyer, checkoutId, "PAID");
        var queries = daraja().findAll(postRequestedFor(urlPathEqualTo(MPESA_QUERY_PATH))
                .withRequestBody(matchingJsonPath("$.CheckoutRequestID", equalTo(checkoutRequestId))));
        assertThat(queries).hasSize(1);
        var query = Api.JSON.readTree(queries.get(0).getBodyAsString());
        assertThat(query.get("Password").asString())
                .isEqualTo(Base64.getEncoder()
                        .encodeToString((MPESA_SHORTCODE
                                        + MPESA_PASSKEY
                                        + query.get("Timestamp").asString())
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        // the callback that comes late after all is a no-op
        assertAcknowledged(callback(successCallback(checkoutRequestId, 50, msisdn)));
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aPushWhoseAnswerIsLostIsNeverSentAgainAndItsCallbackStillSettlesIt() {
        var checkoutRequestId = "ws_CO_" + UUID.randomUUID().toString().replace("-", "");
        // Daraja accepts the push (the prompt reaches the phone) but its answer comes after we stopped waiting
        daraja().stubFor(stkPushFromThisPhone()
                .willReturn(okJson(accepted(checkoutRequestId)).withFixedDelay(MPESA_READ_TIMEOUT_MILLIS + 1_000)));

        var started = payByMpesa();
        var paymentId = started.get("id").asString();
        assertThat(started.get("status").asString()).isEqualTo("PENDING");
        assertThat(started.get("providerReference").isNull()).isTrue();

        // not pushed again: not by the reconciliation job (nothing to query without a CheckoutRequestID), not by a
        // second attempt of the buyer (the payment is still in progress)
        reconciliation.reconcile(Instant.now().plus(Duration.ofMinutes(4)));
        var again = pay(api, buyer, checkoutId, phone);
        assertThat(again.code()).as(again.toString()).isEqualTo("payment_in_progress");
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("PENDING");
        daraja().verify(
                        1,
                        postRequestedFor(urlPathEqualTo(MPESA_STK_PATH))
                                .withRequestBody(matchingJsonPath("$.PhoneNumber", equalTo(msisdn))));

        // the payer paid: Daraja's callback names the CheckoutRequestID we never saw, from this phone, this amount
        assertAcknowledged(callback(successCallback(checkoutRequestId, 50, msisdn)));

        var paid = awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        assertThat(paid.get("providerReference").asString()).isEqualTo(checkoutRequestId);
        awaitCheckout(api, buyer, checkoutId, "PAID");
        assertThat(escrow().creditsPosted()).isEqualTo(5_000);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aPushWhoseAnswerIsLostAndThatNeverCallsBackFailsAfterAWhileSoTheBuyerCanPayAgain() {
        daraja().stubFor(stkPushFromThisPhone()
                .willReturn(okJson(accepted("ws_CO_never_seen_" + UUID.randomUUID()))
                        .withFixedDelay(MPESA_READ_TIMEOUT_MILLIS + 1_000)));
        var paymentId = payByMpesa().get("id").asString();

        reconciliation.reconcile(Instant.now().plus(Duration.ofMinutes(4)));
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("PENDING");
        reconciliation.reconcile(Instant.now().plus(Duration.ofMinutes(10)));

        var failed = awaitPayment(api, buyer, paymentId, "FAILED");
        assertThat(failed.get("failureReason").asString()).contains("never confirmed");
        daraja().verify(
                        1,
                        postRequestedFor(urlPathEqualTo(MPESA_STK_PATH))
                                .withRequestBody(matchingJsonPath("$.PhoneNumber", equalTo(msisdn))));
        assertThat(checkoutStatus()).isEqualTo("PENDING_PAYMENT");
    }
}
