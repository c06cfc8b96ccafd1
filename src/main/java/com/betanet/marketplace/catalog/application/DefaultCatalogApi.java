package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.shared.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<StockShortage> reserve(Map<UUID, Integer> quantities) {
        var shortages = new ArrayList<StockShortage>();
        // One global order of row locks (the TreeMap's order of ids) for every caller: no deadlocks between checkouts.
        new TreeMap<>(quantities).forEach((productId, quantity) -> {
            int reserved =
                    jdbc.sql("""
                            update products set reserved = reserved + :q
                             where id = :id and status = 'ACTIVE' and on_hand - reserved >= :q""").param("q", quantity).param("id", productId).update();
            if (reserved == 0) {
                int available = jdbc.sql("select on_hand - reserved from products where id = :id and status = 'ACTIVE'")
                        .param("id", productId)
                        .query(Integer.class)
                        .optional()
                        .orElse(0);
                shortages.add(new StockShortage(productId, quantity, available));
            }
        });
        return shortages;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(Map<UUID, Integer> quantities) {
        adjust(quantities, "update products set reserved = reserved - :q where id = :id");
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void commitSale(Map<UUID, Integer> quantities) {
        adjust(quantities, "update products set reserved = reserved - :q, on_hand = on_hand - :q where id = :id");
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void restock(Map<UUID, Integer> quantities) {
        adjust(quantities, "update products set on_hand = on_hand + :q where id = :id");
    }

    private void adjust(Map<UUID, Integer> quantities, String sql) {
        new TreeMap<>(quantities)
                .forEach((productId, quantity) -> jdbc.sql(sql)
                        .param("q", quantity)
                        .param("id", productId)
                        .update());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void setRating(UUID productId, long ratingSum, int ratingCount) {
        jdbc.sql("""
                        update products
                           set rating_count = :count,
                               rating_average = case when :count = 0 then 0 else round(:sum::numeric / :count, 2) end
                         where id = :id""")
                .param("count", ratingCount)
                .param("sum", ratingSum)
                .param("id", productId)
                .update();
    }
}
