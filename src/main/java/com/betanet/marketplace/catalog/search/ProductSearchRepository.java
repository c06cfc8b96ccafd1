package com.betanet.marketplace.catalog.search;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.catalog.application.ImageView;
import com.betanet.marketplace.catalog.application.ProductView;
import com.betanet.marketplace.media.MediaService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of search. Runs inside the caller's read-only transaction. */
@Repository
class ProductSearchRepository {

    /** A product of a result page, with the sort key values its cursor needs. */
    record Row(
            UUID id,
            String title,
            String description,
            long priceAmount,
            String priceCurrency,
            int stock,
            BigDecimal ratingAverage,
            int ratingCount,
            Instant createdAt,
            Instant updatedAt,
            UUID categoryId,
            String categoryName,
            String categorySlug,
            UUID sellerId,
            String sellerUsername,
            @Nullable String sellerShopName,
            @Nullable Float rank) {

        ProductView toView(List<ImageView> images) {
            var average = ratingCount == 0 ? BigDecimal.ZERO : ratingAverage;
            return new ProductView(
                    id,
                    title,
                    description,
                    new ProductView.Category(categoryId, categoryName, categorySlug),
                    new ProductView.Price(priceAmount, priceCurrency),
                    stock,
                    ProductStatus.ACTIVE,
                    new ProductView.Seller(sellerId, sellerUsername, sellerShopName),
                    new ProductView.Rating(average.setScale(2, RoundingMode.HALF_UP), ratingCount),
                    images,
                    createdAt,
                    updatedAt);
        }
    }

    private final JdbcClient jdbc;
    private final MediaService media;

    ProductSearchRepository(JdbcClient jdbc, MediaService media) {
        this.jdbc = jdbc;
        this.media = media;
    }

    /** See {@link ProductSearchSql#TUNE_TRANSACTION}. */
    void tuneTransaction() {
        jdbc.sql(ProductSearchSql.TUNE_TRANSACTION).query().singleRow();
    }

    /** The category and all categories below it, or an empty list if there is no such category. */
    List<UUID> categorySubtree(UUID categoryId) {
        return jdbc.sql("""
                        select d.id
                        from categories c
                        join categories d on d.path like c.path || '%'
                        where c.id = :id""").param("id", categoryId).query(UUID.class).list();
    }

    /** See {@link ProductSearchSql#WORD_STATS}. */
    WordStats wordStats(List<String> words) {
        var stats = new LinkedHashMap<String, WordStats.Word>();
        var products = new double[] {0};
        jdbc.sql(ProductSearchSql.WORD_STATS)
                .params(ProductSearchSql.wordStatsParams(words))
                .query((rs, rowNum) -> {
                    var word = rs.getString("word");
                    var known = stats.get(word);
                    if (known == null) {
                        var extensions = rs.getArray("extensions");
                        known = new WordStats.Word(
                                rs.getLong("documents"),
                                rs.getInt("terms"),
                                extensions == null ? null : List.of((String[]) extensions.getArray()),
                                new ArrayList<>());
                        stats.put(word, known);
                    }
                    var term = rs.getString("term");
                    if (term != null) {
                        known.near().add(new Spelling.Candidate(term, rs.getInt("doc_count")));
                    }
                    products[0] = rs.getDouble("products");
                    return null;
                })
                .list();
        return new WordStats(stats, products[0]);
    }

    /** @param ranked whether the statement selects a relevance {@code rank} */
    List<Row> page(ProductSearchSql.Statement statement, boolean ranked) {
        return jdbc.sql(statement.sql())
                .params(statement.params())
                .query((rs, rowNum) -> row(rs, ranked))
                .list();
    }

    /** The images of the given products, in position order, in one query. */
    Map<UUID, List<ImageView>> images(List<UUID> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        var images = new HashMap<UUID, List<ImageView>>();
        jdbc.sql(ProductSearchSql.IMAGES)
                .param("ids", ProductSearchSql.arrayLiteral(productIds))
                .query((rs, rowNum) -> {
                    images.computeIfAbsent(rs.getObject("product_id", UUID.class), id -> new ArrayList<>())
                            .add(new ImageView(
                                    rs.getObject("id", UUID.class),
                                    media.url(rs.getString("image_key")),
                                    media.url(rs.getString("thumbnail_key")),
                                    rs.getInt("position")));
                    return null;
                })
                .list();
        return images;
    }

    private static Row row(ResultSet rs, boolean ranked) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("title"),
                rs.getString("description"),
                rs.getLong("price_amount"),
                rs.getString("price_currency"),
                rs.getInt("stock"),
                rs.getBigDecimal("rating_average"),
                rs.getInt("rating_count"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getObject("category_id", UUID.class),
                rs.getString("category_name"),
                rs.getString("category_slug"),
                rs.getObject("seller_id", UUID.class),
                rs.getString("seller_username"),
                rs.getString("seller_shop_name"),
                ranked ? rs.getFloat("rank") : null);
    }
}
