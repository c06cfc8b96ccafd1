package com.betanet.marketplace.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Catalogue rows written straight into the database, for tests that read the catalogue (search) without depending on
 * the write API. Slugs get a random suffix, so tests sharing one database never collide.
 */
public final class CatalogFixtures {

    private final JdbcClient jdbc;

    public CatalogFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Category(UUID id, String name, String slug, String path) {}

    public Category category(String name, @Nullable Category parent) {
        var id = UUID.randomUUID();
        var slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        var path = (parent == null ? "/" : parent.path()) + id + "/";
        var now = Instant.now().atOffset(ZoneOffset.UTC);
        jdbc.sql("""
                        insert into categories (id, parent_id, name, slug, path, depth, created_at, updated_at)
                        values (:id, :parentId, :name, :slug, :path, :depth, :now, :now)""")
                .param("id", id)
                .param("parentId", parent == null ? null : parent.id())
                .param("name", name)
                .param("slug", slug)
                .param("path", path)
                .param("depth", path.split("/").length - 2)
                .param("now", now)
                .update();
        return new Category(id, name, slug, path);
    }

    public ProductBuilder product(UUID sellerId, Category category, String title) {
        return new ProductBuilder(sellerId, category.id(), title);
    }

    public void image(UUID productId, int position, String key, String thumbnailKey) {
        jdbc.sql("""
                        insert into product_images (id, product_id, image_key, thumbnail_key, position, created_at)
                        values (:id, :productId, :key, :thumbnailKey, :position, now())""")
                .param("id", UUID.randomUUID())
                .param("productId", productId)
                .param("key", key)
                .param("thumbnailKey", thumbnailKey)
                .param("position", position)
                .update();
    }

    public final class ProductBuilder {
        private final UUID sellerId;
        private final UUID categoryId;
        private final String title;
        private String description = "";
        private long price = 100_000;
        private int onHand = 10;
        private int reserved = 0;
        private String status = "ACTIVE";
        private BigDecimal ratingAverage = BigDecimal.ZERO;
        private int ratingCount = 0;
        private Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        private UUID id = UUID.randomUUID();

        private ProductBuilder(UUID sellerId, UUID categoryId, String title) {
            this.sellerId = sellerId;
            this.categoryId = categoryId;
            this.title = title;
        }

        public ProductBuilder description(String description) {
            this.description = description;
            return this;
        }

        public ProductBuilder price(long price) {
            this.price = price;
            return this;
        }

        public ProductBuilder stock(int onHand, int reserved) {
            this.onHand = onHand;
            this.reserved = reserved;
            return this;
        }

        public ProductBuilder status(String status) {
            this.status = status;
            return this;
        }

        public ProductBuilder rating(String average, int count) {
            this.ratingAverage = new BigDecimal(average);
            this.ratingCount = count;
            return this;
        }

        public ProductBuilder createdAt(Instant createdAt) {
            this.createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
            return this;
        }

        public ProductBuilder id(UUID id) {
            this.id = id;
            return this;
        }

        public UUID insert() {
            jdbc.sql("""
                            insert into products (id, seller_id, category_id, title, description, price_amount,
                                                  price_currency, on_hand, reserved, status, rating_average,
                                                  rating_count, created_at, updated_at)
                            values (:id, :sellerId, :categoryId, :title, :description, :price, 'KES', :onHand,
                                    :reserved, :status, :ratingAverage, :ratingCount, :createdAt, :createdAt)""")
                    .param("id", id)
                    .param("sellerId", sellerId)
                    .param("categoryId", categoryId)
                    .param("title", title)
                    .param("description", description)
                    .param("price", price)
                    .param("onHand", onHand)
                    .param("reserved", reserved)
                    .param("status", status)
                    .param("ratingAverage", ratingAverage)
                    .param("ratingCount", ratingCount)
                    .param("createdAt", createdAt.atOffset(ZoneOffset.UTC))
                    .update();
            return id;
        }
    }
}
