package com.betanet.marketplace.catalog.domain;

import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A seller's listing. Its text, price, category and status are edited through this entity; its stock is not: {@code
 * on_hand} and {@code reserved} are written only by single conditional SQL statements (a seller setting stock,
 * checkouts reserving), so a title edit can never write back a stale reservation count. Ratings belong to reviews and
 * are likewise never written from here.
 */
@Entity
@Table(name = "products")
public class Product {

    @Id
    private UUID id;

    @Column(name = "seller_id", updatable = false)
    private UUID sellerId;

    @Column(name = "category_id")
    private UUID categoryId;

    private String title;

    private String description;

    @Column(name = "price_amount")
    private long priceAmount;

    @Column(name = "price_currency", length = 3)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String priceCurrency;

    @Column(name = "on_hand", updatable = false)
    private int onHand;

    @Column(name = "reserved", updatable = false)
    private int reserved;

    @Enumerated(EnumType.STRING)
    private ProductStatus status;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    @SuppressWarnings("NullAway.Init")
    protected Product() {
        // for JPA
    }

    private Product(
            UUID sellerId,
            UUID categoryId,
            String title,
            String description,
            Money price,
            int stock,
            ProductStatus status,
            Instant now) {
        this.id = Ids.newId();
        this.sellerId = sellerId;
        this.categoryId = categoryId;
        this.title = title;
        this.description = description;
        this.priceAmount = price.amount();
        this.priceCurrency = price.currency();
        this.onHand = stock;
        this.reserved = 0;
        this.status = status;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * A new listing. The values must already have passed {@link ProductRules}; a new product is never ARCHIVED (there
     * is nothing to keep for past orders yet).
     */
    public static Product list(
            UUID sellerId,
            UUID categoryId,
            String title,
            String description,
            Money price,
            int stock,
            ProductStatus status,
            Instant now) {
        if (status == ProductStatus.ARCHIVED) {
            throw new IllegalArgumentException("A new product is ACTIVE or DRAFT");
        }
        requireValid(ProductRules.checkTitle(title).isEmpty(), "title");
        requireValid(ProductRules.checkDescription(description).isEmpty(), "description");
        requireValid(ProductRules.checkStock(stock).isEmpty(), "stock");
        requireValid(price.amount() >= ProductRules.MIN_PRICE && price.amount() <= ProductRules.MAX_PRICE, "price");
        return new Product(sellerId, categoryId, title, description, price, stock, status, now);
    }

    public boolean isSoldBy(UUID userId) {
        return sellerId.equals(userId);
    }

    /** Whether {@code viewerId} (null for an anonymous caller) may see this product at all. */
    public boolean isVisibleTo(@Nullable UUID viewerId) {
        return status.isVisibleToBuyers() || sellerId.equals(viewerId);
    }

    public void retitle(String title, Instant now) {
        requireValid(ProductRules.checkTitle(title).isEmpty(), "title");
        this.title = title;
        touch(now);
    }

    public void describe(String description, Instant now) {
        requireValid(ProductRules.checkDescription(description).isEmpty(), "description");
        this.description = description;
        touch(now);
    }

    public void moveTo(UUID categoryId, Instant now) {
        this.categoryId = categoryId;
        touch(now);
    }

    /** A new price; it stays in the currency the product was listed in (the marketplace has one currency). */
    public void reprice(Money price, Instant now) {
        requireValid(price.amount() >= ProductRules.MIN_PRICE && price.amount() <= ProductRules.MAX_PRICE, "price");
        this.priceAmount = price.amount();
        this.priceCurrency = price.currency();
        touch(now);
    }

    /** Any status may follow any other: a draft goes live, a live product is withdrawn, an archived one comes back. */
    public void changeStatus(ProductStatus status, Instant now) {
        if (this.status != status) {
            this.status = status;
            touch(now);
        }
    }

    public void archive(Instant now) {
        changeStatus(ProductStatus.ARCHIVED, now);
    }

    /** Marks the product as changed by something written outside the entity (its stock or its images). */
    public void touch(Instant now) {
        this.updatedAt = now;
    }

    private static void requireValid(boolean valid, String what) {
        if (!valid) {
            throw new IllegalArgumentException("Invalid product " + what + "; check it with ProductRules first");
        }
    }

    public UUID id() {
        return id;
    }

    public UUID sellerId() {
        return sellerId;
    }

    public UUID categoryId() {
        return categoryId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Money price() {
        return Money.of(priceAmount, priceCurrency);
    }

    public ProductStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
