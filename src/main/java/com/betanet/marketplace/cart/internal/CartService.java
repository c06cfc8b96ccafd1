package com.betanet.marketplace.cart.internal;

import com.betanet.marketplace.cart.CartApi;
import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.catalog.CatalogApi.ProductSnapshot;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's cart. Adding checks the product (active, not the caller's own, enough stock for the merged quantity) but
 * reserves nothing: stock is only reserved by a checkout.
 */
@Service
class CartService implements CartApi {

    /** The most units of one product a cart line may hold. */
    static final int MAX_QUANTITY = 1000;

    private final JdbcClient jdbc;
    private final CatalogApi catalog;
    private final Clock clock;
    private final String currency;

    CartService(JdbcClient jdbc, CatalogApi catalog, Clock clock, @Value("${marketplace.currency}") String currency) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
        this.currency = currency;
    }

    @Transactional(readOnly = true)
    CartView view(UUID userId) {
        var lines = lines(userId);
        var products = catalog.products(lines.stream().map(CartLine::productId).toList());
        var items = new ArrayList<CartView.Line>();
        var subtotal = Money.of(0, currency);
        int units = 0;
        for (var line : lines) {
            var product = products.get(line.productId());
            if (product == null) {
                continue;
            }
            var lineTotal = product.price().times(line.quantity());
            items.add(new CartView.Line(
                    product.id(),
                    product.title(),
                    product.sellerId(),
                    product.price(),
                    line.quantity(),
                    lineTotal,
                    product.status().isVisibleToBuyers() && product.stock() >= line.quantity()));
            subtotal = subtotal.plus(lineTotal);
            units += line.quantity();
        }
        return new CartView(items, subtotal, units);
    }

    /** Adds units to the line of a product (creating it); the merged quantity must be in stock. */
    @Transactional
    CartView add(UUID userId, UUID productId, int quantity) {
        var product = buyable(userId, productId);
        int merged = jdbc.sql("""
                        insert into cart_items (user_id, product_id, quantity, added_at) values (:user, :product, :q, :at)
                        on conflict (user_id, product_id) do update set quantity = cart_items.quantity + excluded.quantity
                        returning quantity""")
                .param("user", userId)
                .param("product", productId)
                .param("q", quantity)
                .param("at", Timestamp.from(clock.instant()))
                .query(Integer.class)
                .single();
        if (merged > MAX_QUANTITY) {
            throw ApiException.validation("quantity", "A cart line holds at most " + MAX_QUANTITY + " units");
        }
        requireStock(product, merged);
        return view(userId);
    }

    /** Sets the quantity of a product's line; 0 removes it. */
    @Transactional
    CartView set(UUID userId, UUID productId, int quantity) {
        if (quantity == 0) {
            return remove(userId, productId);
        }
        var product = buyable(userId, productId);
        requireStock(product, quantity);
        jdbc.sql("""
                        insert into cart_items (user_id, product_id, quantity, added_at) values (:user, :product, :q, :at)
                        on conflict (user_id, product_id) do update set quantity = excluded.quantity""")
                .param("user", userId)
                .param("product", productId)
                .param("q", quantity)
                .param("at", Timestamp.from(clock.instant()))
                .update();
        return view(userId);
    }

    @Transactional
    CartView remove(UUID userId, UUID productId) {
        jdbc.sql("delete from cart_items where user_id = ? and product_id = ?")
                .params(userId, productId)
                .update();
        return view(userId);
    }

    /** Empties the cart; an empty cart stays empty. */
    @Transactional
    CartView clear(UUID userId) {
        jdbc.sql("delete from cart_items where user_id = ?").param(userId).update();
        return view(userId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CartLine> lines(UUID userId) {
        return jdbc.sql("select product_id, quantity from cart_items where user_id = ? order by added_at, product_id")
                .param(userId)
                .query((rs, n) -> new CartLine(rs.getObject("product_id", UUID.class), rs.getInt("quantity")))
                .list();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<CartLine> takeAll(UUID userId) {
        return jdbc.sql("delete from cart_items where user_id = ? returning product_id, quantity")
                .param(userId)
                .query((rs, n) -> new CartLine(rs.getObject("product_id", UUID.class), rs.getInt("quantity")))
                .list();
    }

    private ProductSnapshot buyable(UUID userId, UUID productId) {
        var product = catalog.product(productId)
                .filter(found -> found.status().isVisibleToBuyers())
                .orElseThrow(() -> ApiException.notFound("Product"));
        if (product.sellerId().equals(userId)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "own_product", "You cannot buy your own product");
        }
        return product;
    }

    private static void requireStock(ProductSnapshot product, int quantity) {
        if (product.stock() < quantity) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "insufficient_stock",
                    "Only " + product.stock() + " in stock",
                    List.of(Map.of(
                            "field",
                            "quantity",
                            "productId",
                            product.id(),
                            "requested",
                            quantity,
                            "available",
                            product.stock(),
                            "message",
                            "Only " + product.stock() + " in stock")));
        }
    }
}
