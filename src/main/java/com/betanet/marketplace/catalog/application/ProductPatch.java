package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.catalog.domain.ProductRules;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.web.PatchDocument;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A product edit read from a JSON merge patch: every field optional, none nullable (each is required on a product),
 * anything else refused. All problems are collected and reported together before anything is written.
 */
record ProductPatch(
        Optional<String> title,
        Optional<String> description,
        Optional<UUID> categoryId,
        Optional<Money> price,
        Optional<Integer> stock,
        Optional<ProductStatus> status) {

    static final Set<String> FIELDS = Set.of("title", "description", "categoryId", "price", "stock", "status");
    private static final Set<String> PRICE_FIELDS = Set.of("amount", "currency");

    /** Reads and checks the body; throws 400 {@code validation_failed} listing every bad field. */
    static ProductPatch read(@Nullable JsonNode body, String marketplaceCurrency) {
        var patch = PatchDocument.of(body, FIELDS);
        var json = Objects.requireNonNull(body); // PatchDocument.of refused anything but an object
        var title = patch.requiredText("title").map(String::strip);
        var description = patch.requiredText("description");
        var categoryId = patch.requiredText("categoryId").flatMap(raw -> PatchIds.parse(patch, "categoryId", raw));
        var price = price(patch, json.get("price"), marketplaceCurrency);
        var stock = stock(patch, json.get("stock"));
        var status = patch.requiredText("status").flatMap(raw -> status(patch, raw));
        title.flatMap(ProductRules::checkTitle).ifPresent(error -> patch.reject(error.field(), error.message()));
        description
                .flatMap(ProductRules::checkDescription)
                .ifPresent(error -> patch.reject(error.field(), error.message()));
        patch.validate();
        return new ProductPatch(title, description, categoryId, price, stock, status);
    }

    private static Optional<Money> price(PatchDocument patch, @Nullable JsonNode node, String marketplaceCurrency) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            patch.reject("price", node.isNull() ? "Must not be null" : "Must be {amount, currency}");
            return Optional.empty();
        }
        for (var name : node.propertyNames()) {
            if (!PRICE_FIELDS.contains(name)) {
                patch.reject("price." + name, "Unknown field '" + name + "'");
            }
        }
        var amount = node.get("amount");
        var currency = node.get("currency");
        boolean valid = true;
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong()) {
            patch.reject("price.amount", "Must be a whole number of minor units");
            valid = false;
        }
        if (currency == null || !currency.isString()) {
            patch.reject("price.currency", "Must be " + marketplaceCurrency);
            valid = false;
        }
        if (!valid) {
            return Optional.empty();
        }
        var problem = ProductRules.checkPrice(amount.asLong(), currency.asString(), marketplaceCurrency);
        if (problem.isPresent()) {
            patch.reject(problem.get().field(), problem.get().message());
            return Optional.empty();
        }
        return Optional.of(Money.of(amount.asLong(), marketplaceCurrency));
    }

    private static Optional<Integer> stock(PatchDocument patch, @Nullable JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            patch.reject("stock", node.isNull() ? "Must not be null" : "Must be a whole number");
            return Optional.empty();
        }
        var problem = ProductRules.checkStock(node.asLong());
        if (problem.isPresent()) {
            patch.reject(problem.get().field(), problem.get().message());
            return Optional.empty();
        }
        return Optional.of((int) node.asLong());
    }

    private static Optional<ProductStatus> status(PatchDocument patch, String raw) {
        for (var status : ProductStatus.values()) {
            if (status.name().equals(raw)) {
                return Optional.of(status);
            }
        }
        patch.reject("status", "Must be ACTIVE, DRAFT or ARCHIVED");
        return Optional.empty();
    }

    boolean isEmpty() {
        return title.isEmpty()
                && description.isEmpty()
                && categoryId.isEmpty()
                && price.isEmpty()
                && stock.isEmpty()
                && status.isEmpty();
    }
}
