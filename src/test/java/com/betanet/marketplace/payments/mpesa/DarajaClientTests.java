package com.betanet.marketplace.payments.mpesa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.payments.provider.ProviderUnavailableException;
import com.betanet.marketplace.support.MovableClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.client.RestClient;

/** The Daraja client against WireMock answering with Daraja's documented bodies. */
class DarajaClientTests {

    @RegisterExtension
    static WireMockExtension daraja = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String SHORTCODE = "174379";
    // Daraja's published sandbox passkey for shortcode 174379.
    static final String PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
    static final String TOKEN_PATH = "/oauth/v1/generate?grant_type=client_credentials";
    static final String STK_PATH = "/mpesa/stkpush/v1/processrequest";
    static final String QUERY_PATH = "/mpesa/stkpushquery/v1/query";
    // 14:00:00 in Nairobi (UTC+3)
    static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");

    final MovableClock clock = new MovableClock(NOW);
    DarajaClient client;

    @BeforeEach
    void setUp() {
        client = client(Duration.ofSeconds(2), daraja.baseUrl());
        daraja.stubFor(get(urlEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"token-1\",\"expires_in\":\"3599\"}")));
        daraja.stubFor(post(urlPathEqualTo(STK_PATH)).willReturn(okJson("""
                        {"MerchantRequestID":"29115-34620561-1","CheckoutRequestID":"ws_CO_191220191020363925",
                         "ResponseCode":"0","ResponseDescription":"Success. Request accepted for processing",
                         "CustomerMessage":"Success. Request accepted for processing"}
                        """)));
    }

    DarajaClient client(Duration readTimeout, String baseUrl) {
        var properties = new MpesaProperties(
                baseUrl,
                "consumer-key",
                "consumer-secret",
                SHORTCODE,
                PASSKEY,
                "callback-secret",
                "testapi",
                "encrypted-credential",
                "600996",
                Duration.ofSeconds(1),
                readTimeout);
        return new DarajaClient(properties, RestClient.builder(), clock);
    }

    @Test
    void sendsAnStkPushWithDarajasFieldsAndTheComputedPassword() {
        var accepted =
                client.stkPush("0708 374 149", 150, "ORD-1A2B3C4D", "Betanet order", "https://example.test/cb/secret");

        assertThat(accepted)
                .isEqualTo(new StkPushAccepted(
                        "29115-34620561-1",
                        "ws_CO_191220191020363925",
                        "0",
                        "Success. Request accepted for processing"));
        var timestamp = "20261127140000";
        var password = Base64.getEncoder()
                .encodeToString((SHORTCODE + PASSKEY + timestamp).getBytes(StandardCharsets.US_ASCII));
        daraja.verify(getRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader(
                        "Authorization",
                        equalTo("Basic "
                                + Base64.getEncoder().encodeToString("consumer-key:consumer-secret".getBytes()))));
        daraja.verify(postRequestedFor(urlPathEqualTo(STK_PATH))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"BusinessShortCode":174379,"Password":"%s","Timestamp":"%s",
                         "TransactionType":"CustomerPayBillOnline","Amount":150,"PartyA":254708374149,"PartyB":174379,
                         "PhoneNumber":254708374149,"CallBackURL":"https://example.test/cb/secret",
                         "AccountReference":"ORD-1A2B3C4D","TransactionDesc":"Betanet order"}
                        """.formatted(password, timestamp))));
    }

    @Test
    void computesThePasswordOfDarajasPublishedExample() {
        clock.set(Instant.parse("2016-02-16T13:56:27Z")); // 16:56:27 in Nairobi

        assertThat(client.timestamp()).isEqualTo("20160216165627");
        assertThat(client.stkPassword(client.timestamp()))
                .isEqualTo(
                        "MTc0Mzc5YmZiMjc5ZjlhYTliZGJjZjE1OGU5N2RkNzFhNDY3Y2QyZTBjODkzMDU5YjEwZjc4ZTZiNzJhZGExZWQyYzkxOTIwMTYwMjE2MTY1NjI3");
    }

    @Test
    void refusesAnAccountReferenceLongerThanDarajaAllows() {
        assertThatThrownBy(() -> client.stkPush("0708374149", 1, "ORDER-1234567", "x", "https://cb"))
                .isInstanceOf(IllegalArgumentException.class);
        daraja.verify(0, postRequestedFor(urlPathEqualTo(STK_PATH)));
    }

    @Test
    void fetchesOneTokenForManyRequestsAndANewOneShortlyBeforeItExpires() throws Exception {
        var threads = Executors.newFixedThreadPool(4);
        try {
            var calls = IntStream.range(0, 8)
                    .mapToObj(i -> threads.submit(() -> client.stkPush("0708374149", 1, "R" + i, "x", "https://cb")))
                    .toList();
            for (var call : calls) {
                call.get();
            }
        } finally {
            threads.shutdown();
        }
        daraja.verify(1, getRequestedFor(urlEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(3599 - 61));
        client.stkPush("0708374149", 1, "R", "x", "https://cb");
        daraja.verify(1, getRequestedFor(urlEqualTo(TOKEN_PATH)));

        clock.advance(Duration.ofSeconds(2)); // within a minute of expiry
        client.stkPush("0708374149", 1, "R", "x", "https://cb");
        daraja.verify(2, getRequestedFor(urlEqualTo(TOKEN_PATH)));
        daraja.verify(10, postRequestedFor(urlPathEqualTo(STK_PATH)));
    }

    @Test
    void fetchesANewTokenOnceWhenDarajaRejectsTheCachedOne() {
        daraja.stubFor(get(urlEqualTo(TOKEN_PATH))
                .inScenario("tokens")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"access_token\":\"revoked\",\"expires_in\":\"3599\"}"))
                .willSetStateTo("second"));
        daraja.stubFor(get(urlEqualTo(TOKEN_PATH))
                .inScenario("tokens")
                .whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"fresh\",\"expires_in\":\"3599\"}")));
        daraja.stubFor(
                post(urlPathEqualTo(STK_PATH))
                        .withHeader("Authorization", equalTo("Bearer revoked"))
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"requestId\":\"1\",\"errorCode\":\"404.001.03\",\"errorMessage\":\"Invalid Access Token\"}")));

        var accepted = client.stkPush("0708374149", 1, "R", "x", "https://cb");

        assertThat(accepted.checkoutRequestId()).isEqualTo("ws_CO_191220191020363925");
        daraja.verify(2, getRequestedFor(urlEqualTo(TOKEN_PATH)));
        daraja.verify(postRequestedFor(urlPathEqualTo(STK_PATH)).withHeader("Authorization", equalTo("Bearer fresh")));
    }

    @Test
    void aDarajaRejectionIsARefusal() {
        daraja.stubFor(
                post(urlPathEqualTo(STK_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"requestId\":\"9458-79414631-1\",\"errorCode\":\"400.002.02\",\"errorMessage\":\"Bad Request - Invalid PhoneNumber\"}")));

        assertThatThrownBy(() -> client.stkPush("0708374149", 1, "R", "x", "https://cb"))
                .isInstanceOfSatisfying(ProviderRefusedException.class, refused -> {
                    assertThat(refused.provider()).isEqualTo("mpesa");
                    assertThat(refused.providerCode()).isEqualTo("400.002.02");
                    assertThat(refused.getMessage()).contains("Invalid PhoneNumber");
                });
    }

    @Test
    void aPushDarajaCouldNotSendIsARefusal() {
        daraja.stubFor(
                post(urlPathEqualTo(STK_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(500)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"requestId\":\"1\",\"errorCode\":\"500.001.1001\",\"errorMessage\":\"Unable to lock subscriber, a transaction is already in process for the current subscriber\"}")));

        assertThatThrownBy(() -> client.stkPush("0708374149", 1, "R", "x", "https://cb"))
                .isInstanceOfSatisfying(
                        ProviderRefusedException.class,
                        refused -> assertThat(refused.providerCode()).isEqualTo("500.001.1001"));
    }

    @Test
    void aServerErrorLeavesTheOutcomeUnknown() {
        daraja.stubFor(
                post(urlPathEqualTo(STK_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(500)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"requestId\":\"1\",\"errorCode\":\"500.003.1001\",\"errorMessage\":\"Internal Server Error\"}")));

        assertThatThrownBy(() -> client.stkPush("0708374149", 1, "R", "x", "https://cb"))
                .isExactlyInstanceOf(ProviderOutcomeUnknownException.class)
                .hasMessageContaining("500.003.1001");
    }

    @Test
    void aGatewayErrorPageLeavesTheOutcomeUnknown() {
        daraja.stubFor(post(urlPathEqualTo(STK_PATH))
                .willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));

        assertThatThrownBy(() -> client.stkPush("0708374149", 1, "R", "x", "https://cb"))
                .isExactlyInstanceOf(ProviderOutcomeUnknownException.class);
    }

    @Test
    void aSlowAnswerLeavesTheOutcomeUnknown() {
        var impatient = client(Duration.ofSeconds(1), daraja.baseUrl());
        daraja.stubFor(post(urlPathEqualTo(STK_PATH)).willReturn(okJson("{}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> impatient.stkPush("0708374149", 1, "R", "x", "https://cb"))
                .isExactlyInstanceOf(ProviderOutcomeUnknownException.class);
    }

    @Test
    void anUnreachableDarajaMeansNothingWasSent() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = client(Duration.ofSeconds(1), "http://127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> unreachable.stkPush("0708374149", 1, "R", "x", "https://cb"))
                .isInstanceOf(ProviderUnavailableException.class);
    }

    @Test
    void wrongConsumerCredentialsAreARefusal() {
        daraja.stubFor(
                get(urlEqualTo(TOKEN_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(400)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"requestId\":\"1\",\"errorCode\":\"400.008.01\",\"errorMessage\":\"Invalid Authentication passed\"}")));

        assertThatThrownBy(() -> client.stkPush("0708374149", 1, "R", "x", "https://cb"))
                .isInstanceOfSatisfying(
                        ProviderRefusedException.class,
                        refused -> assertThat(refused.providerCode()).isEqualTo("400.008.01"));
        daraja.verify(0, postRequestedFor(urlPathEqualTo(STK_PATH)));
    }

    @Test
    void anStkQueryWhileThePayerHasNotAnsweredIsPending() {
        daraja.stubFor(
                post(urlPathEqualTo(QUERY_PATH))
                        .willReturn(
                                aResponse()
                                        .withStatus(500)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"requestId\":\"ws_CO_1\",\"errorCode\":\"500.001.1001\",\"errorMessage\":\"The transaction is being processed\"}")));

        var result = client.stkQuery("ws_CO_191220191020363925");

        assertThat(result.status()).isEqualTo(StkQueryResult.Status.PENDING);
        assertThat(result.failureReason()).isNull();
        var timestamp = "20261127140000";
        daraja.verify(postRequestedFor(urlPathEqualTo(QUERY_PATH))
                .withRequestBody(equalToJson("""
                        {"BusinessShortCode":174379,"Password":"%s","Timestamp":"%s",
                         "CheckoutRequestID":"ws_CO_191220191020363925"}
                        """.formatted(client.stkPassword(timestamp), timestamp))));
    }

    @Test
    void anStkQueryReportsSuccessAndFailure() {
        stubQuery("0", "The service request is processed successfully.");
        assertThat(client.stkQuery("ws_CO_1"))
                .isEqualTo(new StkQueryResult(
                        StkQueryResult.Status.SUCCEEDED, 0, "The service request is processed successfully."));

        stubQuery("1032", "Request cancelled by user");
        var cancelled = client.stkQuery("ws_CO_1");
        assertThat(cancelled.status()).isEqualTo(StkQueryResult.Status.FAILED);
        assertThat(cancelled.resultCode()).isEqualTo(1032);
        assertThat(cancelled.failureReason()).contains("cancelled");

        stubQuery("4999", "The transaction is still under processing");
        assertThat(client.stkQuery("ws_CO_1").status()).isEqualTo(StkQueryResult.Status.PENDING);
    }

    void stubQuery(String resultCode, String resultDesc) {
        daraja.stubFor(post(urlPathEqualTo(QUERY_PATH)).willReturn(okJson("""
                        {"ResponseCode":"0","ResponseDescription":"The service request has been accepted successsfully",
                         "MerchantRequestID":"22205-34066-1","CheckoutRequestID":"ws_CO_1",
                         "ResultCode":"%s","ResultDesc":"%s"}
                        """.formatted(resultCode, resultDesc))));
    }

    @Test
    void sendsAB2cPaymentWithDarajasFields() {
        daraja.stubFor(post(urlPathEqualTo("/mpesa/b2c/v3/paymentrequest")).willReturn(okJson("""
                        {"ConversationID":"AG_20191219_00005797af5d7d75f652","OriginatorConversationID":"payout-1",
                         "ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}
                        """)));

        var accepted = client.b2c(
                "payout-1",
                "+254 708 374 149",
                2_500,
                "Betanet payout",
                "payout-1",
                "https://example.test/b2c/result",
                "https://example.test/b2c/timeout");

        assertThat(accepted)
                .isEqualTo(new DarajaRequestAccepted(
                        "payout-1", "AG_20191219_00005797af5d7d75f652", "Accept the service request successfully."));
        daraja.verify(postRequestedFor(urlPathEqualTo("/mpesa/b2c/v3/paymentrequest"))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withRequestBody(equalToJson("""
                        {"OriginatorConversationID":"payout-1","InitiatorName":"testapi",
                         "SecurityCredential":"encrypted-credential","CommandID":"BusinessPayment","Amount":2500,
                         "PartyA":600996,"PartyB":254708374149,"Remarks":"Betanet payout",
                         "QueueTimeOutURL":"https://example.test/b2c/timeout",
                         "ResultURL":"https://example.test/b2c/result","Occasion":"payout-1"}
                        """)));
    }

    @Test
    void asksForATransactionStatusByTheOriginatorConversationId() {
        daraja.stubFor(post(urlPathEqualTo("/mpesa/transactionstatus/v1/query")).willReturn(okJson("""
                        {"OriginatorConversationID":"1236-7134259-1","ConversationID":"AG_20210709_1234409f86436c583e3f",
                         "ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}
                        """)));

        var accepted = client.transactionStatusByOriginatorConversationId(
                "payout-1", "payout-1", "https://example.test/ts/result", "https://example.test/ts/timeout");

        assertThat(accepted.originatorConversationId()).isEqualTo("1236-7134259-1");
        daraja.verify(postRequestedFor(urlPathEqualTo("/mpesa/transactionstatus/v1/query"))
                .withRequestBody(equalToJson("""
                        {"Initiator":"testapi","SecurityCredential":"encrypted-credential",
                         "CommandID":"TransactionStatusQuery","OriginalConversationID":"payout-1","PartyA":600996,
                         "IdentifierType":4,"ResultURL":"https://example.test/ts/result",
                         "QueueTimeOutURL":"https://example.test/ts/timeout","Remarks":"Payout status check",
                         "Occasion":"payout-1"}
                        """)));
    }

    @Test
    void anAcceptedAnswerWithANonZeroResponseCodeIsARefusal() {
        daraja.stubFor(
                post(urlPathEqualTo("/mpesa/b2c/v3/paymentrequest"))
                        .willReturn(
                                okJson(
                                        "{\"ResponseCode\":\"1\",\"ResponseDescription\":\"Rejected\",\"OriginatorConversationID\":\"p\"}")));

        assertThatThrownBy(() -> client.b2c("p", "0708374149", 10, "r", "o", "https://r", "https://t"))
                .isInstanceOf(ProviderRefusedException.class);
    }
}
