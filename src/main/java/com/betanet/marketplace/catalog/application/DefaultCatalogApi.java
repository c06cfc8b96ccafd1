package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.shared.Money;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class DefaultCatalogApi implements CatalogApi {

    private final JdbcClient jdbc;

    DefaultCatalogApi(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProductSnapshot> product(UUID productId) {
        return Optional.ofNullable(products(List.of(productId)).get(productId));
    }

    @Override
    public Map<UUID, ProductSnapshot> products(Collection<UUID> productIds) {
        var found = new HashMap<UUID, ProductSnapshot>();
        if (productIds.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select id, seller_id, title, price_amount, price_currency, status, on_hand - reserved as stock
                          from products where id in (:ids)""")
                .param("ids", productIds.stream().distinct().toList())
                .query((rs, n) -> new ProductSnapshot(
                        rs.getObject("id", UUID.class),
                        rs.getObject("seller_id", UUID.class),
                        rs.getString("title"),
                        Money.of(rs.getLong("price_amount"), rs.getString("price_currency")),
                        ProductStatus.valueOf(rs.getString("status")),
                        rs.getInt("stock")))
                .list()
                .forEach(product -> found.put(product.id(), product));
        return found;
    }
}
