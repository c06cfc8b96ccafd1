package com.betanet.marketplace.payments.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.shared.Money;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The gateway on the real SDK against WireMock speaking Stripe's documented JSON. */
class StripeGatewayTests {

    @RegisterExtension
    static WireMockExtension stripe = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final UUID PAYMENT_ID = UUID.fromString("0196f2b4-7d1e-7c3a-9c55-1b2f3c4d5e6f");
    static final UUID CHECKOUT_ID = UUID.fromString("0196f2b4-0000-7000-8000-000000000001");

    final StripeGateway gateway = new StripeGateway(new StripeProperties(
            stripe.baseUrl(), "sk_test_123", "whsec_test", Duration.ofSeconds(2), Duration.ofSeconds(5), 0));

    static String paymentIntent(String status, long amountReceived) {
        return """
                {"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":150000,
                 "amount_capturable":0,"amount_received":%d,"capture_method":"automatic",
                 "client_secret":"pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH",
                 "confirmation_method":"automatic","created":1680800504,"currency":"kes","livemode":false,
                 "metadata":{"payment_id":"%s","purpose":"CHECKOUT","reference_id":"%s"},
                 "payment_method_types":["card"],"status":"%s","last_payment_error":null}
                """.formatted(amountReceived, PAYMENT_ID, CHECKOUT_ID, status);
    }

    @Test
    void createsAPaymentIntentWithMetadataAndAnIdempotencyKey() {
        stripe.stubFor(post(urlPathEqualTo("/v1/payment_intents"))
                .willReturn(okJson(paymentIntent("requires_payment_method", 0))));

        var intent = gateway.createPaymentIntent(
                PAYMENT_ID, "CHECKOUT", CHECKOUT_ID, Money.of(150_000, "KES"), "payment-" + PAYMENT_ID);

        assertThat(intent.id()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa");
        assertThat(intent.clientSecret()).startsWith("pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_");
        assertThat(intent.status()).isEqualTo("requires_payment_method");
        assertThat(intent.amount()).isEqualTo(Money.of(150_000, "KES"));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                .withHeader("Authorization", equalTo("Bearer sk_test_123"))
                .withHeader("Idempotency-Key", equalTo("payment-" + PAYMENT_ID))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded;charset=UTF-8"))
                .withFormParam("amount", equalTo("150000"))
                .withFormParam("currency", equalTo("kes"))
                .withFormParam("metadata[payment_id]", equalTo(PAYMENT_ID.toString()))
                .withFormParam("metadata[purpose]", equalTo("CHECKOUT"))
                .withFormParam("metadata[reference_id]", equalTo(CHECKOUT_ID.toString())));
    }

    @Test
    void retrievesAPaymentIntentForReconciliation() {
        stripe.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa"))
                .willReturn(okJson(paymentIntent("succeeded", 150_000))));

        var intent = gateway.retrievePaymentIntent("pi_3MtwBwLkdIwHu7ix28a3tqPa");

        assertThat(intent.succeeded()).isTrue();
        assertThat(intent.amountReceived()).isEqualTo(Money.of(150_000, "KES"));
    }

    @Test
    void refundsPartOfAPaymentIntent() {
        stripe.stubFor(post(urlPathEqualTo("/v1/refunds")).willReturn(okJson("""
                        {"id":"re_1Nispe2eZvKYlo2Cd31jOCgZ","object":"refund","amount":50000,
                         "charge":"ch_1NirD82eZvKYlo2CIvbtLWuY","created":1692942318,"currency":"kes",
                         "metadata":{"refund_id":"r-1"},"payment_intent":"pi_3MtwBwLkdIwHu7ix28a3tqPa",
                         "reason":null,"status":"succeeded"}
                        """)));

        var refund = gateway.refund(
                "pi_3MtwBwLkdIwHu7ix28a3tqPa", Money.of(50_000, "KES"), "refund-r-1", Map.of("refund_id", "r-1"));

        assertThat(refund)
                .isEqualTo(new StripeRefund("re_1Nispe2eZvKYlo2Cd31jOCgZ", "succeeded", Money.of(50_000, "KES"), null));
        stripe.verify(postRequestedFor(urlPathEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo("refund-r-1"))
                .withFormParam("payment_intent", equalTo("pi_3MtwBwLkdIwHu7ix28a3tqPa"))
                .withFormParam("amount", equalTo("50000"))
                .withFormParam("metadata[refund_id]", equalTo("r-1")));
    }

    @Test
    void aDeclinedCardIsARefusalWithTheDeclineCode() {
        stubError("/v1/payment_intents", 402, """
                {"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds",
                  "message":"Your card has insufficient funds.","doc_url":"https://stripe.com/docs/error-codes/card-declined"}}
                """);

        assertThatThrownBy(() ->
                        gateway.createPaymentIntent(PAYMENT_ID, "CHECKOUT", CHECKOUT_ID, Money.of(150_000, "KES"), "k"))
                .isInstanceOfSatisfying(ProviderRefusedException.class, refused -> {
                    assertThat(refused.provider()).isEqualTo("stripe");
                    assertThat(refused.providerCode()).isEqualTo("insufficient_funds");
                    assertThat(refused.getMessage()).contains("insufficient funds");
                });
    }

    @Test
    void anInvalidRequestIsARefusal() {
        stubError("/v1/refunds", 400, """
                {"error":{"type":"invalid_request_error","code":"charge_already_refunded",
                  "message":"Charge ch_1 has already been refunded."}}
                """);

        assertThatThrownBy(() -> gateway.refund("pi_1", Money.of(100, "KES"), "k", Map.of()))
                .isInstanceOfSatisfying(
                        ProviderRefusedException.class,
                        refused -> assertThat(refused.providerCode()).isEqualTo("charge_already_refunded"));
    }

    @Test
    void aServerErrorLeavesTheOutcomeUnknown() {
        stubError(
                "/v1/payment_intents",
                500,
                "{\"error\":{\"type\":\"api_error\",\"message\":\"An unknown error occurred\"}}");

        assertThatThrownBy(() ->
                        gateway.createPaymentIntent(PAYMENT_ID, "CHECKOUT", CHECKOUT_ID, Money.of(150_000, "KES"), "k"))
                .isExactlyInstanceOf(ProviderOutcomeUnknownException.class);
    }

    @Test
    void anUnreachableStripeLeavesTheOutcomeUnknown() {
        var unreachable = new StripeGateway(new StripeProperties(
                "http://127.0.0.1:1", "sk_test_123", "whsec_test", Duration.ofSeconds(1), Duration.ofSeconds(1), 0));

        assertThatThrownBy(() -> unreachable.retrievePaymentIntent("pi_1"))
                .isInstanceOf(ProviderOutcomeUnknownException.class);
    }

    void stubError(String path, int status, String body) {
        stripe.stubFor(post(urlPathEqualTo(path))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("Request-Id", "req_test")
                        .withBody(body)));
    }
}
