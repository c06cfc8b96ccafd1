package com.betanet.marketplace.payments.payout;

import static com.betanet.marketplace.support.DarajaB2cServer.B2C_PATH;
import static com.betanet.marketplace.support.DarajaB2cServer.B2C_SHORTCODE;
import static com.betanet.marketplace.support.DarajaB2cServer.CALLBACK_SECRET;
import static com.betanet.marketplace.support.DarajaB2cServer.INITIATOR;
import static com.betanet.marketplace.support.DarajaB2cServer.PUBLIC_BASE_URL;
import static com.betanet.marketplace.support.DarajaB2cServer.SECURITY_CREDENTIAL;
import static com.betanet.marketplace.support.DarajaB2cServer.STATUS_PATH;
import static com.betanet.marketplace.support.DarajaB2cServer.daraja;
import static com.betanet.marketplace.support.PayoutFixtures.awaitPayout;
import static com.betanet.marketplace.support.PayoutFixtures.fund;
import static com.betanet.marketplace.support.PayoutFixtures.payout;
import static com.betanet.marketplace.support.PayoutFixtures.pendingPayout;
import static com.betanet.marketplace.support.PayoutFixtures.wallet;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Ledger.TransferState;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.B2cIntegrationTest;
import com.betanet.marketplace.support.HttpTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Payouts over the real Daraja path: B2C and Transaction Status requests to WireMock speaking Daraja, and Daraja's
 * documented result, queue-timeout and status documents posted to our webhooks.
 */
@B2cIntegrationTest
class PayoutB2cTests extends HttpTest {

    static final String WEBHOOKS = "/api/v1/webhooks/mpesa/" + CALLBACK_SECRET + "/b2c";

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PayoutStatusChecks statusChecks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    Accounts.Session seller;

    @BeforeEach
    void fundedSeller() {
        seller = Accounts.seller(api);
        fund(transactions, ledger, seller.id(), 500_000);
    }

    @Test
    void aPayoutIsSentByB2cAfterCommitAndPostedWhenTheResultSaysPaid() {
        var payout = pendingPayout(api, seller, 150_000, "0712 345 678");
        var id = payout.get("id").asString();

        assertThat(wallet(api, seller)).containsExactly(350_000, 0, 150_000);
        var request = awaitB2cRequest(id);
        assertThat(request.get("OriginatorConversationID").asString()).isEqualTo(id);
        assertThat(request.get("InitiatorName").asString()).isEqualTo(INITIATOR);
        assertThat(request.get("SecurityCredential").asString()).isEqualTo(SECURITY_CREDENTIAL);
        assertThat(request.get("CommandID").asString()).isEqualTo("BusinessPayment");
        assertThat(request.get("Amount").isIntegralNumber()).isTrue();
        assertThat(request.get("Amount").asLong()).isEqualTo(1_500);
        assertThat(request.get("PartyA").asLong()).isEqualTo(Long.parseLong(B2C_SHORTCODE));
        assertThat(request.get("PartyB").asLong()).isEqualTo(254_712_345_678L);
        assertThat(request.get("ResultURL").asString())
                .isEqualTo(PUBLIC_BASE_URL + "/api/v1/webhooks/mpesa/" + CALLBACK_SECRET + "/b2c/result");
        assertThat(request.get("QueueTimeOutURL").asString())
                .isEqualTo(PUBLIC_BASE_URL + "/api/v1/webhooks/mpesa/" + CALLBACK_SECRET + "/b2c/timeout");
        daraja().verify(postRequestedFor(urlPathEqualTo(B2C_PATH))
                .withHeader("Authorization", equalTo("Bearer b2c-test-token"))
                .withRequestBody(matchingJsonPath("$.OriginatorConversationID", equalTo(id))));

        var answer = callback("/result", b2cSuccess(id, 1_500, "NLJ41HAY6Q"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("ResultCode").asInt()).isZero();
        assertThat(answer.json().get("ResultDesc").asString()).isEqualTo("Accepted");
        var settled = payout(api, seller, id);
        assertThat(settled.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(settled.get("receipt").asString()).isEqualTo("NLJ41HAY6Q");
        assertThat(wallet(api, seller)).containsExactly(350_000, 0, 0);
        assertThat(ledger.state(holdOf(id))).contains(TransferState.POSTED);
        assertThat(ledger.isBalanced()).isTrue();
        assertThat(flagReason(id)).isNull();
    }

    @Test
    void theSameResultDeliveredTenTimesConcurrentlyIsAppliedOnce() throws Exception {
        var id = pendingPayout(api, seller, 100_000, "0712345678").get("id").asString();
        awaitB2cRequest(id);
        var body = b2cSuccess(id, 1_000, "NLJ41HAY6R");

        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 10; i++) {
            tasks.add(() -> callback("/result", body).status());
        }
        var statuses = new ArrayList<Integer>();
        var pool = Executors.newFixedThreadPool(10);
        try {
            for (Future<Integer> done : pool.invokeAll(tasks)) {
                statuses.add(done.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).containsOnly(200);
        assertThat(payout(api, seller, id).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(wallet(api, seller)).containsExactly(400_000, 0, 0);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void aFailedResultVoidsTheHoldAndTheMoneyIsAvailableAgain() {
        var id = pendingPayout(api, seller, 200_000, "0712345678").get("id").asString();
        awaitB2cRequest(id);

        var answer = callback("/result", b2cFailure(id, 2001, "The initiator information is invalid."));
        var again = callback("/result", b2cSuccess(id, 2_000, "LATE000001"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        var failed = payout(api, seller, id);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asString()).contains("2001").contains("initiator");
        assertThat(wallet(api, seller)).containsExactly(500_000, 0, 0);
        assertThat(ledger.state(holdOf(id))).contains(TransferState.VOIDED);
        assertThat(ledger.isBalanced()).isTrue();
        assertThat(flagReason(id)).as("the same result again is a duplicate").isNull();

        // a status answer that contradicts it: nothing moves, an admin must look
        assertThat(callback("/status", statusResult(id, "Completed", "LATE000002"))
                        .status())
                .isEqualTo(200);
        assertThat(payout(api, seller, id).get("status").asString()).isEqualTo("FAILED");
        assertThat(wallet(api, seller)).containsExactly(500_000, 0, 0);
        assertThat(flagReason(id)).contains("Booked FAILED but M-Pesa later reported it paid");
    }

    private @Nullable String flagReason(String payoutId) {
        return jdbc.sql("select flag_reason from payouts where id = ?::uuid")
                .param(payoutId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private double flaggedPayouts() {
        return meters.get("marketplace.payouts.flagged").gauge().value();
    }

    @Test
    void aResultThatPaidAnotherAmountIsBookedAsRequestedAndFlaggedForAnAdmin() {
        var id = pendingPayout(api, seller, 150_000, "0712345678").get("id").asString();
        awaitB2cRequest(id);
        var flaggedBefore = flaggedPayouts();

        var answer = callback("/result", b2cSuccess(id, 1_450, "NLJ41HAY7Z"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(payout(api, seller, id).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(wallet(api, seller)).containsExactly(350_000, 0, 0);
        assertThat(ledger.isBalanced()).isTrue();
        assertThat(flagReason(id))
                .isEqualTo("M-Pesa paid KES 1450.00 instead of KES 1500.00; booked as requested,"
                        + " check with Safaricom");
        assertThat(flaggedPayouts()).isEqualTo(flaggedBefore + 1);
    }

    @Test
    void aQueueTimeoutKeepsThePayoutPendingUntilTheStatusQuerySaysCompleted() {
        var id = pendingPayout(api, seller, 120_000, "0712345678").get("id").asString();
        awaitB2cRequest(id);

        var answer = callback("/timeout", queueTimeout(id));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("ResultDesc").asString()).isEqualTo("Accepted");
        var query = awaitStatusQuery(id);
        assertThat(query.get("CommandID").asString()).isEqualTo("TransactionStatusQuery");
        assertThat(query.get("Initiator").asString()).isEqualTo(INITIATOR);
        assertThat(query.get("ResultURL").asString())
                .isEqualTo(PUBLIC_BASE_URL + "/api/v1/webhooks/mpesa/" + CALLBACK_SECRET + "/b2c/status");
        assertThat(payout(api, seller, id).get("status").asString()).isEqualTo("PENDING");
        assertThat(wallet(api, seller)).containsExactly(380_000, 0, 120_000);

        // a status answer that proves nothing (the query itself failed) leaves it pending
        callback("/status", statusQueryFailed());
        assertThat(payout(api, seller, id).get("status").asString()).isEqualTo("PENDING");

        var settled = callback("/status", statusResult(id, "Completed", "LGR919G2AV"));

        assertThat(settled.status()).isEqualTo(200);
        var done = payout(api, seller, id);
        assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("receipt").asString()).isEqualTo("LGR919G2AV");
        assertThat(wallet(api, seller)).containsExactly(380_000, 0, 0);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void aPayoutWithoutAnyAnswerIsQueriedByTheStatusJobAndVoidedWhenItFailed() {
        var id = pendingPayout(api, seller, 100_000, "0712345678").get("id").asString();
        awaitB2cRequest(id);
        assertThat(statusQueries(id)).isZero();

        statusChecks.check(Instant.now().plus(Duration.ofMinutes(10)));

        awaitStatusQuery(id);
        assertThat(payout(api, seller, id).get("status").asString()).isEqualTo("PENDING");
        callback("/status", statusResult(id, "Failed", null));
        var failed = payout(api, seller, id);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("failureReason").asString()).contains("Failed");
        assertThat(wallet(api, seller)).containsExactly(500_000, 0, 0);
        assertThat(ledger.state(holdOf(id))).contains(TransferState.VOIDED);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void aB2cRequestDarajaRefusesFailsAtOnceAndReleasesTheMoney() {
        daraja().stubFor(post(urlPathEqualTo(B2C_PATH))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.PartyB", equalTo("254712342041")))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"requestId\":\"11728-2929992-1\",\"errorCode\":\"400.002.02\","
                                + "\"errorMessage\":\"Bad Request - Invalid PartyB\"}")));

        var id = pendingPayout(api, seller, 100_000, "0712342041").get("id").asString();

        var failed = awaitPayout(api, seller, id, "FAILED");
        assertThat(failed.get("failureReason").asString()).contains("Invalid PartyB");
        assertThat(wallet(api, seller)).containsExactly(500_000, 0, 0);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void callbacksWithAWrongSecretAreNotFoundAndChangeNothing() {
        var id = pendingPayout(api, seller, 100_000, "0712345678").get("id").asString();
        awaitB2cRequest(id);

        for (var path : new String[] {"/result", "/timeout", "/status"}) {
            var response = api.post("/api/v1/webhooks/mpesa/not-" + CALLBACK_SECRET + "/b2c" + path)
                    .json(b2cSuccess(id, 1_000, "FORGED0001"))
                    .send();
            assertThat(response.status()).as(path).isEqualTo(404);
        }
        var unreadable = callback("/result", "{\"not\":\"daraja\"}");

        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.code()).isEqualTo("validation_failed");
        assertThat(payout(api, seller, id).get("status").asString()).isEqualTo("PENDING");
        assertThat(wallet(api, seller)).containsExactly(400_000, 0, 100_000);
    }

    // --- Daraja's side

    private JsonNode awaitB2cRequest(String payoutId) {
        return awaitRequest(B2C_PATH, "$.OriginatorConversationID", payoutId);
    }

    private JsonNode awaitStatusQuery(String payoutId) {
        return awaitRequest(STATUS_PATH, "$.OriginalConversationID", payoutId);
    }

    private static int statusQueries(String payoutId) {
        return daraja().findAll(postRequestedFor(urlPathEqualTo(STATUS_PATH))
                        .withRequestBody(matchingJsonPath("$.OriginalConversationID", equalTo(payoutId))))
                .size();
    }

    private static JsonNode awaitRequest(String path, String idPath, String payoutId) {
        var seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var requests = daraja().findAll(postRequestedFor(urlPathEqualTo(path))
                    .withRequestBody(matchingJsonPath(idPath, equalTo(payoutId))));
            assertThat(requests).hasSize(1);
            seen[0] = Api.JSON.readTree(requests.get(0).getBodyAsString());
        });
        return seen[0];
    }

    private Api.Response callback(String path, String body) {
        return api.post(WEBHOOKS + path).json(body).send();
    }

    private static String b2cSuccess(String payoutId, long shillings, String receipt) {
        return """
                {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request is processed successfully.",
                  "OriginatorConversationID":"%s","ConversationID":"AG_20191219_00005797af5d7d75f652",
                  "TransactionID":"%s",
                  "ResultParameters":{"ResultParameter":[
                    {"Key":"TransactionAmount","Value":%d},{"Key":"TransactionReceipt","Value":"%s"},
                    {"Key":"B2CRecipientIsRegisteredCustomer","Value":"Y"},
                    {"Key":"B2CChargesPaidAccountAvailableFunds","Value":-4510.00},
                    {"Key":"ReceiverPartyPublicName","Value":"254712345678 - John Doe"},
                    {"Key":"TransactionCompletedDateTime","Value":"19.12.2019 11:45:50"},
                    {"Key":"B2CUtilityAccountAvailableFunds","Value":10116.00},
                    {"Key":"B2CWorkingAccountAvailableFunds","Value":900000.00}]},
                  "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL",
                    "Value":"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}}}}
                """.formatted(payoutId, receipt, shillings, receipt);
    }

    private static String b2cFailure(String payoutId, int resultCode, String resultDesc) {
        return """
                {"Result":{"ResultType":0,"ResultCode":%d,"ResultDesc":"%s",
                  "OriginatorConversationID":"%s","ConversationID":"AG_20191219_00006c6fddb15123addf",
                  "TransactionID":"NLJ0000000",
                  "ReferenceData":{"ReferenceItem":{"Key":"QueueTimeoutURL",
                    "Value":"https://internalsandbox.safaricom.co.ke/mpesa/b2cresults/v1/submit"}}}}
                """.formatted(resultCode, resultDesc, payoutId);
    }

    private static String queueTimeout(String payoutId) {
        return """
                {"Result":{"ResultType":1,"ResultCode":1,"ResultDesc":"The service request has timed out.",
                  "OriginatorConversationID":"%s","ConversationID":"AG_20191219_00006c6fddb15123addf"}}
                """.formatted(payoutId);
    }

    private static String statusResult(String payoutId, String transactionStatus, String receipt) {
        var receiptParameter = receipt == null ? "" : "{\"Key\":\"ReceiptNo\",\"Value\":\"" + receipt + "\"},";
        return """
                {"Result":{"ResultType":0,"ResultCode":0,"ResultDesc":"The service request has been accepted successfully.",
                  "OriginatorConversationID":"%s","ConversationID":"AG_20170727_000059c52529a8e080bd",
                  "TransactionID":"LGR0000000",
                  "ResultParameters":{"ResultParameter":[
                    %s{"Key":"Conversation ID","Value":"AG_20170727_00004492b1b6d0078fbe"},
                    {"Key":"FinalisedTime","Value":20170727101415},{"Key":"Amount","Value":1200},
                    {"Key":"TransactionStatus","Value":"%s"},{"Key":"ReasonType","Value":"Business Payment via API"},
                    {"Key":"DebitAccountType","Value":"Utility Account"},{"Key":"InitiatedTime","Value":20170727101415},
                    {"Key":"Originator Conversation ID","Value":"%s"},
                    {"Key":"CreditPartyName","Value":"254712345678 - John Doe"},
                    {"Key":"DebitPartyName","Value":"600996 - Betanet"}]},
                  "ReferenceData":{"ReferenceItem":{"Key":"Occasion","Value":"%s"}}}}
                """.formatted(UUID.randomUUID(), receiptParameter, transactionStatus, payoutId, payoutId);
    }

    private static String statusQueryFailed() {
        return """
                {"Result":{"ResultType":0,"ResultCode":2001,"ResultDesc":"The initiator information is invalid.",
                  "OriginatorConversationID":"%s","ConversationID":"AG_2"}}
                """.formatted(UUID.randomUUID());
    }

    private static UUID holdOf(String payoutId) {
        return Transfer.idFor("payout:" + payoutId);
    }
}
