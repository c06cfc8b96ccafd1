package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Catalog fixtures made through the HTTP API: the admin, categories with unique slugs, products. */
public final class CatalogApiFixtures {

    public static final String ADMIN_EMAIL = "admin@betanet.test";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private CatalogApiFixtures() {}

    public static Accounts.Session admin(Api api) {
        return Accounts.login(api, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A short random suffix that keeps names and slugs unique across tests sharing one database. */
    public static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Creates a category named {@code name} (slug made from it) under {@code parentId}; returns the answer. */
    public static JsonNode category(Api api, Accounts.Session admin, String name, @Nullable UUID parentId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("name", name);
        if (parentId != null) {
            body.put("parentId", parentId.toString());
        }
        var response = api.post("/api/v1/categories")
                .bearer(admin.accessToken())
                .json(body)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    public static UUID categoryId(Api api, Accounts.Session admin) {
        return id(category(api, admin, "Category " + unique(), null));
    }

    /** A valid product body in {@code categoryId}: 1 500.00 KES, 10 in stock, no status (so ACTIVE). */
    public static Map<String, Object> productBody(UUID categoryId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("title", "Test product " + unique());
        body.put("description", "A thing worth buying.\nTwo lines of description.");
        body.put("categoryId", categoryId.toString());
        body.put("price", Map.of("amount", 150_000, "currency", "KES"));
        body.put("stock", 10);
        return body;
    }

    public static JsonNode product(Api api, Accounts.Session seller, Map<String, Object> body) {
        var response = api.post("/api/v1/products")
                .bearer(seller.accessToken())
                .json(body)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    public static JsonNode product(Api api, Accounts.Session seller, UUID categoryId) {
        return product(api, seller, productBody(categoryId));
    }

    public static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }
}
