package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.shared.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
    public Optional<Rating> rating(UUID productId) {
        return jdbc.sql("select rating_average, rating_count from products where id = ?")
                .param(productId)
                .query((rs, n) -> new Rating(rs.getBigDecimal("rating_average"), rs.getInt("rating_count")))
                .optional();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<StockShortage> reserve(Map<UUID, Integer> quantities) {
        if (quantities.isEmpty()) {
            return List.of();
        }
        // One global order of row locks (the TreeMap's order of ids, the one adjust() uses too) for every caller: no
        // deadlocks between checkouts. One statement for the whole cart: the CTE locks the rows in that order (the
        // lock is taken above the sort by position), then the conditional update reserves every line that has stock.
        var ordered = new TreeMap<>(quantities);
        var ids = ordered.keySet().stream().map(UUID::toString).toArray(String[]::new);
        var reserved = new HashSet<>(jdbc.sql("""
                        with locked as (
                            select p.id
                              from unnest(:ids::uuid[]) with ordinality as line(id, position)
                              join products p on p.id = line.id
                             order by line.position
                               for no key update of p
                        )
                        update products p set reserved = p.reserved + line.quantity
                          from unnest(:ids::uuid[], :quantities::int[]) as line(id, quantity)
                         where p.id = line.id and p.id in (select id from locked)
                           and p.status = 'ACTIVE' and p.on_hand - p.reserved >= line.quantity
                        returning p.id""")
                .param("ids", ids)
                .param(
                        "quantities",
                        ordered.values().stream().mapToInt(Integer::intValue).toArray())
                .query(UUID.class)
                .list());
        if (reserved.size() == ordered.size()) {
            return List.of();
        }
        var shortOnes = new ArrayList<UUID>();
        ordered.keySet().stream().filter(id -> !reserved.contains(id)).forEach(shortOnes::add);
        var available = new HashMap<UUID, Integer>();
        jdbc.sql("select id, on_hand - reserved as available from products where id in (:ids) and status = 'ACTIVE'")
                .param("ids", shortOnes)
                .query((rs, n) -> available.put(rs.getObject("id", UUID.class), rs.getInt("available")))
                .list();
        return shortOnes.stream()
                .map(id -> new StockShortage(id, ordered.get(id), available.getOrDefault(id, 0)))
                .toList();
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
