package com.betanet.marketplace.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** Cart and checkout fixtures through the HTTP API. */
public final class OrderingFixtures {

    private OrderingFixtures() {}

    /** An ACTIVE product of {@code seller} at {@code price} minor units with {@code stock} units. */
    public static UUID product(Api api, Accounts.Session seller, UUID categoryId, long price, int stock) {
        var body = CatalogApiFixtures.productBody(categoryId);
        body.put("price", Map.of("amount", price, "currency", "KES"));
        body.put("stock", stock);
        return CatalogApiFixtures.id(CatalogApiFixtures.product(api, seller, body));
    }

    public static JsonNode addToCart(Api api, Accounts.Session buyer, UUID productId, int quantity) {
        var response = api.post("/api/v1/cart/items")
                .bearer(buyer.accessToken())
                .json(Map.of("productId", productId.toString(), "quantity", quantity))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    public static Map<String, Object> address() {
        var address = new LinkedHashMap<String, Object>();
        address.put("fullName", "Wanjiku Kamau");
        address.put("phoneNumber", "+254 712 345678");
        address.put("line1", "Moi Avenue 12");
        address.put("city", "Nairobi");
        address.put("country", "KE");
        return address;
    }

    public static Map<String, Object> checkoutBody() {
        var body = new LinkedHashMap<String, Object>();
        body.put("shippingAddress", address());
        return body;
    }

    public static Api.Response checkout(Api api, Accounts.Session buyer) {
        return checkout(api, buyer, UUID.randomUUID().toString(), checkoutBody());
    }

    public static Api.Response checkout(Api api, Accounts.Session buyer, String key, Object body) {
        return api.post("/api/v1/checkouts")
                .bearer(buyer.accessToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send();
    }

    /** A checkout that must succeed; returns its body. */
    public static JsonNode checkedOut(Api api, Accounts.Session buyer) {
        var response = checkout(api, buyer);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** The number of units in {@code buyer}'s cart, as {@code GET /cart} says. */
    public static int unitsInCart(Api api, Accounts.Session buyer) {
        var cart = api.get("/api/v1/cart").bearer(buyer.accessToken()).send();
        assertThat(cart.status()).as(cart.toString()).isEqualTo(200);
        return cart.json().get("itemCount").asInt();
    }

    /** The product's stock as buyers see it (on hand minus reserved). */
    public static int stock(Api api, UUID productId) {
        var response = api.get("/api/v1/products/" + productId).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("stock").asInt();
    }
}
