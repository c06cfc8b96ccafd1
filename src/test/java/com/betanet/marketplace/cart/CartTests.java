package com.betanet.marketplace.cart;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.OrderingFixtures.unitsInCart;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CartTests extends HttpTest {

    UUID categoryId;
    Accounts.Session buyer;
    Accounts.Session seller;

    @BeforeEach
    void setUp() {
        categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
    }

    @Test
    void linesMergeShowCurrentPricesAndCanBeSetAndRemoved() {
        var item = product(api, seller, categoryId, 1_200, 5);
        addToCart(api, buyer, item, 2);
        var cart = addToCart(api, buyer, item, 1);
        assertThat(cart.get("items").size()).isEqualTo(1);
        var line = cart.get("items").get(0);
        assertThat(line.get("quantity").asInt()).isEqualTo(3);
        assertThat(line.get("lineTotal").get("amount").asLong()).isEqualTo(3_600);
        assertThat(line.get("sellerId").asString()).isEqualTo(seller.id().toString());
        assertThat(line.get("available").asBoolean()).isTrue();

        // a new price shows at once
        api.patch("/api/v1/products/" + item)
                .bearer(seller.accessToken())
                .json(Map.of("price", Map.of("amount", 1_000, "currency", "KES"), "stock", 2))
                .send();
        cart = api.get("/api/v1/cart").bearer(buyer.accessToken()).send().json();
        assertThat(cart.get("subtotal").get("amount").asLong()).isEqualTo(3_000);
        assertThat(cart.get("items").get(0).get("available").asBoolean()).isFalse();

        var set = api.put("/api/v1/cart/items/" + item)
                .bearer(buyer.accessToken())
                .json(Map.of("quantity", 2))
                .send();
        assertThat(set.json().get("itemCount").asInt()).isEqualTo(2);
        var removed = api.put("/api/v1/cart/items/" + item)
                .bearer(buyer.accessToken())
                .json(Map.of("quantity", 0))
                .send();
        assertThat(removed.json().get("items").size()).isZero();
        addToCart(api, buyer, item, 1);
        var deleted = api.delete("/api/v1/cart/items/" + item)
                .bearer(buyer.accessToken())
                .send();
        assertThat(deleted.json().get("itemCount").asInt()).isZero();
    }

    @Test
    void clearingEmptiesOnlyTheCallersCart() {
        var first = product(api, seller, categoryId, 1_200, 5);
        var second = product(api, Accounts.seller(api), categoryId, 700, 5);
        addToCart(api, buyer, first, 2);
        addToCart(api, buyer, second, 1);
        var other = Accounts.buyer(api);
        addToCart(api, other, first, 1);

        var cleared = api.delete("/api/v1/cart").bearer(buyer.accessToken()).send();
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("items").size()).isZero();
        assertThat(cleared.json().get("itemCount").asInt()).isZero();
        assertThat(cleared.json().get("subtotal").get("amount").asLong()).isZero();
        assertThat(unitsInCart(api, buyer)).isZero();
        // another buyer's cart is untouched; clearing an empty cart is fine
        assertThat(unitsInCart(api, other)).isEqualTo(1);
        assertThat(api.delete("/api/v1/cart").bearer(buyer.accessToken()).send().status())
                .isEqualTo(200);
        assertThat(api.delete("/api/v1/cart").send().status()).isEqualTo(401);
    }

    @Test
    void moreThanTheStockOwnProductsAndUnknownProductsAreRefused() {
        var item = product(api, seller, categoryId, 1_200, 2);
        addToCart(api, buyer, item, 2);
        var tooMany = api.post("/api/v1/cart/items")
                .bearer(buyer.accessToken())
                .json(Map.of("productId", item.toString(), "quantity", 1))
                .send();
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("insufficient_stock");
        assertThat(tooMany.json().get("errors").get(0).get("available").asInt()).isEqualTo(2);

        var own = api.post("/api/v1/cart/items")
                .bearer(seller.accessToken())
                .json(Map.of("productId", item.toString(), "quantity", 1))
                .send();
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.code()).isEqualTo("own_product");

        var unknown = api.post("/api/v1/cart/items")
                .bearer(buyer.accessToken())
                .json(Map.of("productId", UUID.randomUUID().toString(), "quantity", 1))
                .send();
        assertThat(unknown.status()).isEqualTo(404);
        api.delete("/api/v1/products/" + item).bearer(seller.accessToken()).send();
        var archived = api.put("/api/v1/cart/items/" + item)
                .bearer(buyer.accessToken())
                .json(Map.of("quantity", 1))
                .send();
        assertThat(archived.status()).isEqualTo(404);
        assertThat(unitsInCart(api, buyer)).isEqualTo(2);
    }

    @Test
    void badInputIs400AndNothingIsStored() {
        var item = product(api, seller, categoryId, 1_200, 5);
        var bodies = java.util.List.<Object>of(
                Map.of("productId", item.toString(), "quantity", -1),
                Map.of("productId", item.toString(), "quantity", 0),
                Map.of("productId", item.toString(), "quantity", 1_000_000_000),
                Map.of("productId", item.toString(), "quantity", 1, "price", 1),
                Map.of("productId", "garbage", "quantity", 1),
                Map.of("productId", item.toString(), "quantity", "1.5"),
                Map.of("quantity", 1),
                "{\"productId\":");
        for (var body : bodies) {
            var response = api.post("/api/v1/cart/items")
                    .bearer(buyer.accessToken())
                    .json(body)
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        var negative = api.put("/api/v1/cart/items/" + item)
                .bearer(buyer.accessToken())
                .json(Map.of("quantity", -3))
                .send();
        assertThat(negative.status()).isEqualTo(400);
        assertThat(api.put("/api/v1/cart/items/garbage")
                        .bearer(buyer.accessToken())
                        .json(Map.of("quantity", 1))
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(unitsInCart(api, buyer)).isZero();
        assertThat(api.get("/api/v1/cart").send().status()).isEqualTo(401);
    }
}
