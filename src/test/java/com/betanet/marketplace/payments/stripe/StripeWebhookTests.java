package com.betanet.marketplace.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.ChargeRefunded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Dispute;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Other;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentFailed;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentSucceeded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Refund;
import com.betanet.marketplace.shared.Money;
import com.stripe.Stripe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signatures computed here as Stripe computes them: HMAC-SHA256 of {@code t + "." + body} with the endpoint secret. */
class StripeWebhookTests {

    static final String SECRET = "whsec_test_secret";
    static final Instant NOW = Instant.parse("2026-11-27T11:00:00Z");
    static final UUID PAYMENT_ID = UUID.fromString("0196f2b4-7d1e-7c3a-9c55-1b2f3c4d5e6f");
    // An API version other than the SDK's: the SDK then leaves the object to us.
    static final String OLD_API_VERSION = "2020-08-27";

    final StripeWebhookVerifier verifier = new StripeWebhookVerifier(
            new StripeProperties(
                    "https://api.stripe.com", "sk_test", SECRET, Duration.ofSeconds(1), Duration.ofSeconds(1), 0),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static String event(String id, String type, String apiVersion, String object) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":1680064028,"livemode":false,
                 "pending_webhooks":1,"request":{"id":null,"idempotency_key":null},"type":"%s",
                 "data":{"object":%s}}
                """.formatted(id, apiVersion, type, object);
    }

    static String intent(String status, long received, String lastPaymentError) {
        return """
                {"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":150000,"amount_received":%d,
                 "currency":"kes","status":"%s","metadata":{"payment_id":"%s","purpose":"CHECKOUT"},
                 "latest_charge":"ch_3MtwBwLkdIwHu7ix2Ei3bQ6a","last_payment_error":%s}
                """.formatted(received, status, PAYMENT_ID, lastPaymentError);
    }

    static final String CHARGE_REFUNDED_OBJECT = """
            {"id":"ch_3MtwBwLkdIwHu7ix2Ei3bQ6a","object":"charge","amount":150000,"amount_captured":150000,
             "amount_refunded":50000,"currency":"kes","paid":true,"refunded":false,
             "payment_intent":"pi_3MtwBwLkdIwHu7ix28a3tqPa","metadata":{},
             "refunds":{"object":"list","has_more":false,"url":"/v1/charges/ch_3MtwBwLkdIwHu7ix2Ei3bQ6a/refunds",
               "data":[{"id":"re_1","object":"refund","amount":50000,"currency":"kes","status":"succeeded",
                 "charge":"ch_3MtwBwLkdIwHu7ix2Ei3bQ6a","payment_intent":"pi_3MtwBwLkdIwHu7ix28a3tqPa",
                 "metadata":{"refund_id":"r-1"}}]}}
            """;

    static final String DISPUTE_OBJECT = """
            {"id":"dp_1MtJUT2eZvKYlo2CNaw2HvEv","object":"dispute","amount":150000,"currency":"kes",
             "charge":"ch_3MtwBwLkdIwHu7ix2Ei3bQ6a","payment_intent":"pi_3MtwBwLkdIwHu7ix28a3tqPa",
             "reason":"fraudulent","status":"warning_needs_response","metadata":{}}
            """;

    static String sign(String body, long timestamp, String secret) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        var signature =
                HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return "t=" + timestamp + ",v1=" + signature;
    }

    @Test
    void acceptsAValidSignatureAndReadsAPaymentThatSucceeded() throws Exception {
        var body = event("evt_1", "payment_intent.succeeded", OLD_API_VERSION, intent("succeeded", 150_000, "null"));

        var event = verifier.verify(body, sign(body, NOW.getEpochSecond() - 10, SECRET));

        assertThat(event.getId()).isEqualTo("evt_1");
        assertThat(StripeWebhookEvents.read(event))
                .isEqualTo(new PaymentIntentSucceeded(
                        "evt_1",
                        "pi_3MtwBwLkdIwHu7ix28a3tqPa",
                        Money.of(150_000, "KES"),
                        Money.of(150_000, "KES"),
                        PAYMENT_ID));
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() throws Exception {
        var body = event("evt_1", "payment_intent.succeeded", OLD_API_VERSION, intent("succeeded", 150_000, "null"));

        assertThatThrownBy(() -> verifier.verify(body, sign(body, NOW.getEpochSecond(), "whsec_someone_else")))
                .isInstanceOf(InvalidStripeWebhookException.class);
    }

    @Test
    void rejectsASignatureOlderThanFiveMinutes() throws Exception {
        var body = event("evt_1", "payment_intent.succeeded", OLD_API_VERSION, intent("succeeded", 150_000, "null"));

        assertThatThrownBy(() -> verifier.verify(body, sign(body, NOW.getEpochSecond() - 301, SECRET)))
                .isInstanceOf(InvalidStripeWebhookException.class);
        // just inside the tolerance
        assertThat(verifier.verify(body, sign(body, NOW.getEpochSecond() - 299, SECRET))
                        .getId())
                .isEqualTo("evt_1");
    }

    @Test
    void rejectsATamperedBody() throws Exception {
        var body = event("evt_1", "payment_intent.succeeded", OLD_API_VERSION, intent("succeeded", 150_000, "null"));
        var header = sign(body, NOW.getEpochSecond(), SECRET);

        assertThatThrownBy(() -> verifier.verify(body.replace("150000", "999999"), header))
                .isInstanceOf(InvalidStripeWebhookException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "t=abc,v1=00", "v1=deadbeef"})
    void rejectsAMissingOrMalformedHeader(String header) {
        var body = event("evt_1", "payment_intent.succeeded", OLD_API_VERSION, intent("succeeded", 150_000, "null"));

        assertThatThrownBy(() -> verifier.verify(body, header)).isInstanceOf(InvalidStripeWebhookException.class);
        assertThatThrownBy(() -> verifier.verify(body, null)).isInstanceOf(InvalidStripeWebhookException.class);
    }

    @Test
    void rejectsASignedBodyThatIsNotAnEvent() throws Exception {
        var body = "[1,2,3]";

        assertThatThrownBy(() -> verifier.verify(body, sign(body, NOW.getEpochSecond(), SECRET)))
                .isInstanceOf(InvalidStripeWebhookException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {OLD_API_VERSION, Stripe.API_VERSION})
    void readsTheSameFactsWhateverTheEventsApiVersion(String apiVersion) throws Exception {
        var probe = event("evt_0", "charge.refunded", apiVersion, CHARGE_REFUNDED_OBJECT);
        var typedBySdk = verifier.verify(probe, sign(probe, NOW.getEpochSecond(), SECRET))
                .getDataObjectDeserializer()
                .getObject()
                .isPresent();
        assertThat(typedBySdk).isEqualTo(apiVersion.equals(Stripe.API_VERSION));

        var failed = read(event(
                "evt_2",
                "payment_intent.payment_failed",
                apiVersion,
                intent(
                        "requires_payment_method",
                        0,
                        "{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\"generic_decline\","
                                + "\"message\":\"Your card was declined.\"}")));
        var refunded = read(event("evt_3", "charge.refunded", apiVersion, CHARGE_REFUNDED_OBJECT));
        var disputed = read(event("evt_4", "charge.dispute.created", apiVersion, DISPUTE_OBJECT));
        var other = read(event("evt_5", "customer.created", apiVersion, "{\"id\":\"cus_1\",\"object\":\"customer\"}"));
        var lost = read(event(
                "evt_6",
                "charge.dispute.closed",
                apiVersion,
                DISPUTE_OBJECT.replace("warning_needs_response", "lost")));

        assertThat(failed)
                .isEqualTo(new PaymentIntentFailed(
                        "evt_2",
                        "pi_3MtwBwLkdIwHu7ix28a3tqPa",
                        Money.of(150_000, "KES"),
                        "Your card was declined.",
                        PAYMENT_ID));
        assertThat(refunded)
                .isEqualTo(new ChargeRefunded(
                        "evt_3",
                        "ch_3MtwBwLkdIwHu7ix2Ei3bQ6a",
                        "pi_3MtwBwLkdIwHu7ix28a3tqPa",
                        Money.of(150_000, "KES"),
                        Money.of(50_000, "KES"),
                        List.of(new Refund("re_1", "succeeded", Money.of(50_000, "KES"), Map.of("refund_id", "r-1")))));
        assertThat(disputed)
                .isEqualTo(new Dispute(
                        "evt_4",
                        false,
                        "dp_1MtJUT2eZvKYlo2CNaw2HvEv",
                        "ch_3MtwBwLkdIwHu7ix2Ei3bQ6a",
                        "pi_3MtwBwLkdIwHu7ix28a3tqPa",
                        Money.of(150_000, "KES"),
                        "fraudulent",
                        "warning_needs_response"));
        assertThat(other).isEqualTo(new Other("evt_5", "customer.created"));
        assertThat(lost)
                .isEqualTo(new Dispute(
                        "evt_6",
                        true,
                        "dp_1MtJUT2eZvKYlo2CNaw2HvEv",
                        "ch_3MtwBwLkdIwHu7ix2Ei3bQ6a",
                        "pi_3MtwBwLkdIwHu7ix28a3tqPa",
                        Money.of(150_000, "KES"),
                        "fraudulent",
                        "lost"));
    }

    @Test
    void readsAChargeWithoutItsRefundsList() throws Exception {
        var withoutRefunds =
                CHARGE_REFUNDED_OBJECT.substring(0, CHARGE_REFUNDED_OBJECT.indexOf(",\n \"refunds\"")) + "}";

        var refunded = (ChargeRefunded) read(event("evt_3", "charge.refunded", OLD_API_VERSION, withoutRefunds));

        assertThat(refunded.amountRefunded()).isEqualTo(Money.of(50_000, "KES"));
        assertThat(refunded.refunds()).isEmpty();
    }

    @Test
    void anIntentWithoutOurMetadataHasNoPaymentId() throws Exception {
        var foreign = intent("succeeded", 150_000, "null").replace(PAYMENT_ID.toString(), "not-a-uuid");

        var succeeded =
                (PaymentIntentSucceeded) read(event("evt_6", "payment_intent.succeeded", OLD_API_VERSION, foreign));

        assertThat(succeeded.paymentId()).isNull();
        assertThat(succeeded.paymentIntentId()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa");
    }

    @Test
    void aHandledEventWithoutItsObjectsIdIsRejected() throws Exception {
        var body = event(
                "evt_7", "payment_intent.succeeded", OLD_API_VERSION, "{\"object\":\"payment_intent\",\"amount\":1}");

        assertThatThrownBy(() -> read(body)).isInstanceOf(InvalidStripeWebhookException.class);
    }

    StripeWebhookEvent read(String body) throws Exception {
        return StripeWebhookEvents.read(verifier.verify(body, sign(body, NOW.getEpochSecond(), SECRET)));
    }
}
