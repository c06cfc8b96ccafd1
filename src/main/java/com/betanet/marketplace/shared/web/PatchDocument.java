package com.betanet.marketplace.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge-patch body read field by field: an absent field leaves the value alone, {@code null} clears an optional
 * field (and is refused for a required one), any field outside the allowed set is refused. Errors are collected and
 * thrown together by {@link #validate()}.
 */
public final class PatchDocument {

    private final JsonNode body;
    private final List<FieldError> errors = new ArrayList<>();

    private PatchDocument(JsonNode body) {
        this.body = body;
    }

    public static PatchDocument of(@Nullable JsonNode body, Set<String> allowedFields) {
        if (body == null || !body.isObject()) {
            throw ApiException.validation("body", "Must be a JSON object");
        }
        var document = new PatchDocument(body);
        for (var name : body.propertyNames()) {
            if (!allowedFields.contains(name)) {
                document.errors.add(new FieldError(name, "Unknown field '" + name + "'"));
            }
        }
        return document;
    }

    /** A required text field: {@code Optional.empty()} when absent; {@code null} is an error. */
    public Optional<String> requiredText(String field) {
        var node = body.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull()) {
            errors.add(new FieldError(field, "Must not be null"));
            return Optional.empty();
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "Must be a string"));
            return Optional.empty();
        }
        return Optional.of(node.asString());
    }

    /**
     * An optional text field: {@code Optional.empty()} when absent, {@code Optional.of(Optional.empty())} when
     * cleared with {@code null}, else the value.
     */
    public Optional<Optional<String>> optionalText(String field) {
        var node = body.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (!node.isString()) {
            errors.add(new FieldError(field, "Must be a string"));
            return Optional.empty();
        }
        return Optional.of(Optional.of(node.asString()));
    }

    public void reject(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Throws 400 {@code validation_failed} with every error found so far. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
    }
}
