package com.betanet.marketplace.payments.stripe;

import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.ChargeRefunded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Other;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentFailed;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.PaymentIntentSucceeded;
import com.betanet.marketplace.payments.stripe.StripeWebhookEvent.Refund;
import com.betanet.marketplace.shared.Ids;
import com.google.gson.JsonParseException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the facts of the events the payments core handles. The SDK deserialises an event's object only when the
 * event was rendered with the SDK's own API version ({@code getObject()} is empty otherwise, e.g. for an account
 * pinned to an older version); then the few fields needed are read from the raw JSON, which has kept their names
 * across versions.
 */
public final class StripeWebhookEvents {

    public static final String PAYMENT_INTENT_SUCCEEDED = "payment_intent.succeeded";
    public static final String PAYMENT_INTENT_FAILED = "payment_intent.payment_failed";
    public static final String CHARGE_REFUNDED = "charge.refunded";
    public static final String DISPUTE_CREATED = "charge.dispute.created";
    public static final String DISPUTE_CLOSED = "charge.dispute.closed";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(StripeWebhookEvents.class);

    private StripeWebhookEvents() {}

    /**
     * Reads an event verified before, e.g. one recorded in the inbox after its signature was checked.
     *
     * @throws InvalidStripeWebhookException when it is no event, or its object lacks what its type carries
     */
    public static StripeWebhookEvent readVerified(String json) {
        try {
            return read(Webhook.constructEventWithoutVerification(json));
        } catch (JsonParseException | IllegalStateException | NullPointerException notAnEvent) {
            // the SDK's parser fails in these ways, as in StripeWebhookVerifier
            throw InvalidStripeWebhookException.notAnEvent(notAnEvent);
        }
    }

    /** @throws InvalidStripeWebhookException when a handled event's object lacks the ids or amounts it must carry */
    public static StripeWebhookEvent read(Event event) {
        var type = event.getType();
        var id = event.getId();
        if (id == null || type == null) {
            throw InvalidStripeWebhookException.unreadableObject(
                    String.valueOf(id), String.valueOf(type), "no id/type");
        }
        if (!List.of(PAYMENT_INTENT_SUCCEEDED, PAYMENT_INTENT_FAILED, CHARGE_REFUNDED, DISPUTE_CREATED, DISPUTE_CLOSED)
                .contains(type)) {
            return new Other(id, type);
        }
        if (event.getData() == null) {
            throw InvalidStripeWebhookException.unreadableObject(id, type, "no data");
        }
        var deserializer = event.getDataObjectDeserializer();
        try {
            var typed = deserializer.getObject();
            return typed.isPresent() ? fromTyped(id, type, typed.get()) : fromRaw(id, type, deserializer.getRawJson());
        } catch (IllegalArgumentException | NullPointerException missing) {
            // A required field absent (no id, no currency, no api_version): the event is not what its type promises.
            // What broke is logged; the answer names no code of ours.
            log.warn("Stripe event {} ({}) is unreadable", id, type, missing);
            throw InvalidStripeWebhookException.unreadableObject(id, type, "a required field is missing or malformed");
        }
    }

    private static StripeWebhookEvent fromTyped(String eventId, String type, StripeObject object) {
        if (object instanceof PaymentIntent intent) {
            var amount = StripeMoney.money(intent.getAmount(), intent.getCurrency());
            var paymentId = paymentId(intent.getMetadata());
            if (type.equals(PAYMENT_INTENT_SUCCEEDED)) {
                return new PaymentIntentSucceeded(
                        eventId,
                        required(intent.getId(), "id"),
                        amount,
                        StripeMoney.money(intent.getAmountReceived(), intent.getCurrency()),
                        paymentId);
            }
            var error = intent.getLastPaymentError();
            return new PaymentIntentFailed(
                    eventId,
                    required(intent.getId(), "id"),
                    amount,
                    error == null ? null : error.getMessage(),
                    paymentId);
        }
        if (object instanceof Charge charge) {
            var refunds = new ArrayList<Refund>();
            if (charge.getRefunds() != null && charge.getRefunds().getData() != null) {
                for (var refund : charge.getRefunds().getData()) {
                    refunds.add(new Refund(
                            required(refund.getId(), "refund id"),
                            refund.getStatus(),
                            StripeMoney.money(refund.getAmount(), refund.getCurrency()),
                            refund.getMetadata() == null ? Map.of() : refund.getMetadata()));
                }
            }
            return new ChargeRefunded(
                    eventId,
                    required(charge.getId(), "id"),
                    charge.getPaymentIntent(),
                    StripeMoney.money(charge.getAmount(), charge.getCurrency()),
                    StripeMoney.money(charge.getAmountRefunded(), charge.getCurrency()),
                    refunds);
        }
        if (object instanceof com.stripe.model.Dispute dispute) {
            return new StripeWebhookEvent.Dispute(
                    eventId,
                    type.equals(DISPUTE_CLOSED),
                    required(dispute.getId(), "id"),
                    dispute.getCharge(),
                    dispute.getPaymentIntent(),
                    StripeMoney.money(dispute.getAmount(), dispute.getCurrency()),
                    dispute.getReason(),
                    dispute.getStatus());
        }
        throw new IllegalArgumentException(
                "unexpected object " + object.getClass().getSimpleName());
    }

    private static StripeWebhookEvent fromRaw(String eventId, String type, String rawJson) {
        JsonNode object;
        try {
            object = JSON.readTree(rawJson);
        } catch (JacksonException unreadable) {
            throw InvalidStripeWebhookException.unreadableObject(eventId, type, "data.object is not JSON");
        }
        var currency = text(object, "currency");
        var amount = StripeMoney.money(number(object, "amount"), currency);
        var objectId = required(text(object, "id"), "id");
        return switch (type) {
            case PAYMENT_INTENT_SUCCEEDED ->
                new PaymentIntentSucceeded(
                        eventId,
                        objectId,
                        amount,
                        StripeMoney.money(number(object, "amount_received"), currency),
                        paymentId(metadata(object.path("metadata"))));
            case PAYMENT_INTENT_FAILED ->
                new PaymentIntentFailed(
                        eventId,
                        objectId,
                        amount,
                        text(object.path("last_payment_error"), "message"),
                        paymentId(metadata(object.path("metadata"))));
            case CHARGE_REFUNDED ->
                new ChargeRefunded(
                        eventId,
                        objectId,
                        expandableId(object.path("payment_intent")),
                        amount,
                        StripeMoney.money(number(object, "amount_refunded"), currency),
                        rawRefunds(object.path("refunds").path("data")));
            default ->
                new StripeWebhookEvent.Dispute(
                        eventId,
                        type.equals(DISPUTE_CLOSED),
                        objectId,
                        expandableId(object.path("charge")),
                        expandableId(object.path("payment_intent")),
                        amount,
                        text(object, "reason"),
                        text(object, "status"));
        };
    }

    private static List<Refund> rawRefunds(JsonNode data) {
        var refunds = new ArrayList<Refund>();
        for (var refund : data.values()) {
            refunds.add(new Refund(
                    required(text(refund, "id"), "refund id"),
                    text(refund, "status"),
                    StripeMoney.money(number(refund, "amount"), text(refund, "currency")),
                    metadata(refund.path("metadata"))));
        }
        return refunds;
    }

    private static @Nullable String text(JsonNode parent, String field) {
        var node = parent.path(field);
        return node.isString() ? node.stringValue() : null;
    }

    private static @Nullable Long number(JsonNode parent, String field) {
        var node = parent.path(field);
        return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    /** An id field that may be expanded into the object it names. */
    private static @Nullable String expandableId(JsonNode node) {
        if (node.isString()) {
            return node.stringValue();
        }
        return node.isObject() ? text(node, "id") : null;
    }

    private static Map<String, String> metadata(JsonNode node) {
        var metadata = new LinkedHashMap<String, String>();
        for (var entry : node.properties()) {
            if (entry.getValue().isString()) {
                metadata.put(entry.getKey(), entry.getValue().stringValue());
            }
        }
        return metadata;
    }

    private static @Nullable UUID paymentId(@Nullable Map<String, String> metadata) {
        var value = metadata == null ? null : metadata.get(StripeGateway.PAYMENT_ID);
        return value == null ? null : Ids.parse(value).orElse(null); // anything else is not ours
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}
