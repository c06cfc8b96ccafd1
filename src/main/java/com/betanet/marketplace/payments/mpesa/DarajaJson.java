package com.betanet.marketplace.payments.mpesa;

import com.betanet.marketplace.payments.provider.ProviderAmounts;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading Daraja's JSON, which is loose about types: the same field is a string in one answer and a number in the
 * next ({@code "ResultCode": "0"} in a query, {@code 0} in a callback), amounts come as {@code 1} or {@code 1.00}, and
 * a list of one item sometimes arrives as a bare object.
 */
final class DarajaJson {

    // Amounts are read as BigDecimal so 10.00 stays exact.
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final Pattern SHILLINGS = Pattern.compile("\\d{1,15}(\\.\\d+)?");

    private DarajaJson() {}

    static JsonNode parse(@Nullable String body, String what) {
        if (body == null || body.isBlank()) {
            throw new MpesaCallbackParseException(what + ": empty body");
        }
        try {
            var node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw new MpesaCallbackParseException(what + ": not a JSON object");
            }
            return node;
        } catch (JacksonException notJson) {
            throw new MpesaCallbackParseException(what + ": not JSON", notJson);
        }
    }

    /** A string or a number as text; null when absent, null or blank. */
    static @Nullable String text(JsonNode node) {
        if (node.isString()) {
            var value = node.stringValue().strip();
            return value.isEmpty() ? null : value;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        return null;
    }

    static String requiredText(JsonNode parent, String field, String what) {
        var value = text(parent.path(field));
        if (value == null) {
            throw new MpesaCallbackParseException(what + ": " + field + " is missing");
        }
        return value;
    }

    /** An integer sent as a number or as a numeric string; null when absent. */
    static @Nullable Integer integer(JsonNode node, String field, String what) {
        var value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isString() && value.stringValue().strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(value.stringValue().strip());
        }
        throw new MpesaCallbackParseException(what + ": " + field + " is not an integer");
    }

    /** An amount in shillings ({@code 1}, {@code 1.00}, {@code "10.00"}) as KES cents; null when absent. */
    static @Nullable Long shillingsAsCents(JsonNode node, String what) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return cents(node.decimalValue(), what);
        }
        if (node.isString()) {
            return shillingsAsCents(node.stringValue(), what);
        }
        throw new MpesaCallbackParseException(what + ": amount is not a number");
    }

    static long shillingsAsCents(String shillings, String what) {
        var trimmed = shillings.strip();
        if (!SHILLINGS.matcher(trimmed).matches()) {
            throw new MpesaCallbackParseException(what + ": amount is not a number");
        }
        return cents(new BigDecimal(trimmed), what);
    }

    private static long cents(BigDecimal shillings, String what) {
        long cents;
        try {
            cents = shillings.movePointRight(2).longValueExact();
        } catch (ArithmeticException fractionOfACent) {
            throw new MpesaCallbackParseException(what + ": amount " + shillings + " is not whole cents");
        }
        if (!ProviderAmounts.plausible(cents)) {
            throw new MpesaCallbackParseException(what + ": amount " + shillings + " is out of range");
        }
        return cents;
    }

    /**
     * The {@code [{keyField: k, valueField: v}, …]} list (or a single such object) as a map from key to text; entries
     * without a value (Daraja's {@code {"Name": "Balance"}}) are left out.
     */
    static Map<String, JsonNode> keyValues(JsonNode list, String keyField, String valueField, String what) {
        List<JsonNode> items;
        if (list.isArray()) {
            items = list.values().stream().toList();
        } else if (list.isObject()) {
            items = List.of(list);
        } else if (list.isMissingNode() || list.isNull()) {
            items = List.of();
        } else {
            throw new MpesaCallbackParseException(what + ": expected a list of " + keyField + "/" + valueField);
        }
        var values = new LinkedHashMap<String, JsonNode>();
        for (var item : items) {
            var key = text(item.path(keyField));
            if (key == null) {
                throw new MpesaCallbackParseException(what + ": an item has no " + keyField);
            }
            var value = item.path(valueField);
            if (!value.isMissingNode() && !value.isNull()) {
                values.put(key, value);
            }
        }
        return values;
    }
}
