package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.identity.UserDirectory;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Builds {@link ProductView}s for any number of products in three queries, whatever the page size: the products with
 * their categories, all their images, all their sellers. Search and the seller's list page use it with the ids they
 * found, in the order they found them.
 */
@Component
public class ProductViews {

    /** The columns of {@link #row(ResultSet)}; a query selects them from {@code products p join categories c}. */
    static final String COLUMNS = """
            p.id, p.seller_id, p.title, p.description, p.price_amount, p.price_currency,
            p.on_hand - p.reserved as stock, p.status, p.rating_average, p.rating_count, p.created_at, p.updated_at,
            c.id as category_id, c.name as category_name, c.slug as category_slug""";

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final MediaService media;

    ProductViews(JdbcClient jdbc, UserDirectory users, MediaService media) {
        this.jdbc = jdbc;
        this.users = users;
        this.media = media;
    }

    /** The product in any status; callers decide who may see it. */
    public Optional<ProductView> byId(UUID id) {
        var views = byIds(List.of(id));
        return views.isEmpty() ? Optional.empty() : Optional.of(views.get(0));
    }

    /** The products of {@code ids} that exist, in the order of {@code ids}, in any status. */
    public List<ProductView> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var rows = jdbc.sql("select " + COLUMNS
                        + " from products p join categories c on c.id = p.category_id where p.id in (:ids)")
                .param("ids", ids)
                .query((rs, n) -> row(rs))
                .list();
        var byId = new HashMap<UUID, Row>();
        rows.forEach(row -> byId.put(row.id(), row));
        return of(
                ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList());
    }

    /** Views of rows read with {@link #COLUMNS}, in their order. */
    List<ProductView> of(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var productIds = rows.stream().map(Row::id).toList();
        var images = new HashMap<UUID, List<ImageView>>();
        jdbc.sql("""
                        select id, product_id, image_key, thumbnail_key, position from product_images
                         where product_id in (:ids) order by product_id, position""")
                .param("ids", productIds)
                .query((rs, n) -> Map.entry(
                        rs.getObject("product_id", UUID.class),
                        new ImageView(
                                rs.getObject("id", UUID.class),
                                media.url(rs.getString("image_key")),
                                media.url(rs.getString("thumbnail_key")),
                                rs.getInt("position"))))
                .list()
                .forEach(image -> images.computeIfAbsent(image.getKey(), id -> new ArrayList<>())
                        .add(image.getValue()));
        var sellers = users.sellers(rows.stream().map(Row::sellerId).distinct().toList());
        return rows.stream()
                .map(row -> {
                    var seller = sellers.get(row.sellerId());
                    if (seller == null) {
                        // products.seller_id references users(id), and accounts are never deleted
                        throw new IllegalStateException("No account for seller " + row.sellerId());
                    }
                    return new ProductView(
                            row.id(),
                            row.title(),
                            row.description(),
                            new ProductView.Category(row.categoryId(), row.categoryName(), row.categorySlug()),
                            ProductView.Price.of(row.price()),
                            row.stock(),
                            row.status(),
                            new ProductView.Seller(seller.id(), seller.username(), seller.shopName()),
                            rating(row.ratingAverage(), row.ratingCount()),
                            List.copyOf(images.getOrDefault(row.id(), List.of())),
                            row.createdAt(),
                            row.updatedAt());
                })
                .toList();
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("seller_id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                Money.of(rs.getLong("price_amount"), rs.getString("price_currency")),
                rs.getInt("stock"),
                ProductStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("rating_average"),
                rs.getInt("rating_count"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getObject("category_id", UUID.class),
                rs.getString("category_name"),
                rs.getString("category_slug"));
    }

    private static ProductView.Rating rating(BigDecimal average, int count) {
        return count == 0
                ? new ProductView.Rating(BigDecimal.ZERO, 0)
                : new ProductView.Rating(average.setScale(2, RoundingMode.HALF_UP), count);
    }

    record Row(
            UUID id,
            UUID sellerId,
            String title,
            String description,
            Money price,
            int stock,
            ProductStatus status,
            BigDecimal ratingAverage,
            int ratingCount,
            Instant createdAt,
            Instant updatedAt,
            UUID categoryId,
            String categoryName,
            String categorySlug) {}
}
