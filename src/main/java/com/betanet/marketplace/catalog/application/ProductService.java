package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.ProductChanged;
import com.betanet.marketplace.catalog.ProductStatus;
import com.betanet.marketplace.catalog.domain.Product;
import com.betanet.marketplace.catalog.domain.ProductRepository;
import com.betanet.marketplace.catalog.domain.ProductRules;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.FieldError;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Sellers' products: listing, editing, archiving, and the seller's own list. Only the seller of a product may change
 * it; to anyone else it does not exist (404), so product ids cannot be probed. Stock is never read and written back:
 * setting it is one statement that keeps whatever checkouts have reserved.
 */
@Service
public class ProductService {

    private final ProductRepository products;
    private final ProductViews views;
    private final JdbcClient jdbc;
    private final CursorCodec cursors;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String currency;

    ProductService(
            ProductRepository products,
            ProductViews views,
            JdbcClient jdbc,
            CursorCodec cursors,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.currency}") String currency) {
        this.products = products;
        this.views = views;
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.currency = currency;
    }

    /**
     * Lists a new product for the calling seller (403 {@code forbidden} for anyone else). Every problem with the input
     * is reported at once; an unknown category is a 400 on {@code categoryId}.
     */
    public ProductView create(CurrentUser caller, NewProduct request) {
        requireSeller(caller);
        var title = request.title().strip();
        var errors = new ArrayList<FieldError>();
        ProductRules.checkTitle(title).ifPresent(errors::add);
        ProductRules.checkDescription(request.description()).ifPresent(errors::add);
        ProductRules.checkPrice(request.priceAmount(), request.priceCurrency(), currency)
                .ifPresent(errors::add);
        ProductRules.checkStock(request.stock()).ifPresent(errors::add);
        if (request.status() == ProductStatus.ARCHIVED) {
            errors.add(new FieldError("status", "Must be ACTIVE or DRAFT"));
        }
        if (!categoryExists(request.categoryId())) {
            errors.add(new FieldError("categoryId", "No such category"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return withCategoryCheck(() -> transactions.execute(status -> {
            var now = now();
            var product = Product.list(
                    caller.id(),
                    request.categoryId(),
                    title,
                    request.description(),
                    Money.of(request.priceAmount(), currency),
                    (int) request.stock(),
                    request.status(),
                    now);
            products.saveAndFlush(product);
            events.publishEvent(new ProductChanged(product.id(), caller.id(), product.status(), now));
            return views.byId(product.id()).orElseThrow();
        }));
    }

    /** A product as {@code viewerId} (null: anonymous) may see it: DRAFT and ARCHIVED only to their seller. */
    public ProductView view(UUID productId, @Nullable UUID viewerId) {
        return views.byId(productId)
                .filter(product -> product.status().isVisibleToBuyers()
                        || product.seller().id().equals(viewerId))
                .orElseThrow(CatalogErrors::productNotFound);
    }

    /**
     * Applies a JSON merge patch from the product's seller. Nothing is written unless every field is valid. Setting
     * {@code stock} sets {@code on_hand = stock + reserved} in one statement, so reservations made by checkouts
     * survive any edit.
     */
    public ProductView edit(CurrentUser caller, UUID productId, @Nullable JsonNode body) {
        requireSellerFor(caller, productId, products);
        var patch = ProductPatch.read(body, currency);
        patch.categoryId().ifPresent(categoryId -> {
            if (!categoryExists(categoryId)) {
                throw CatalogErrors.unknownCategory("categoryId");
            }
        });
        return withCategoryCheck(() -> transactions.execute(status -> {
            var product = ownedForUpdate(caller, productId);
            if (patch.isEmpty()) {
                return views.byId(productId).orElseThrow();
            }
            var now = now();
            patch.title().ifPresent(title -> product.retitle(title, now));
            patch.description().ifPresent(description -> product.describe(description, now));
            patch.categoryId().ifPresent(categoryId -> product.moveTo(categoryId, now));
            patch.price().ifPresent(price -> product.reprice(price, now));
            patch.status().ifPresent(newStatus -> product.changeStatus(newStatus, now));
            product.touch(now);
            products.saveAndFlush(product);
            patch.stock().ifPresent(stock -> setStock(productId, stock));
            events.publishEvent(new ProductChanged(productId, product.sellerId(), product.status(), now));
            return views.byId(productId).orElseThrow();
        }));
    }

    /** Archives the product (gone from search and from buyers; kept for past orders). Archiving twice is fine. */
    public void archive(CurrentUser caller, UUID productId) {
        requireSellerFor(caller, productId, products);
        transactions.executeWithoutResult(status -> {
            var product = ownedForUpdate(caller, productId);
            if (product.status() != ProductStatus.ARCHIVED) {
                var now = now();
                product.archive(now);
                products.saveAndFlush(product);
                events.publishEvent(new ProductChanged(productId, product.sellerId(), product.status(), now));
            }
        });
    }

    /** The caller's own products in every status (or one), newest first, a page at a time. */
    public Page<ProductView> sellerProducts(CurrentUser caller, @Nullable ProductStatus status, PageRequest page) {
        requireSeller(caller);
        var list = SellerCursor.KIND + ":" + caller.id() + ":" + status;
        var after = cursors.decodeFor(
                page.cursor(),
                SellerCursor.class,
                position -> list.equals(position.kind()) && position.createdAt() != null && position.id() != null);
        // Conditions are added only when used, so every variant is a plain range scan of products_seller_idx.
        var sql = new StringBuilder("select " + ProductViews.COLUMNS
                + " from products p join categories c on c.id = p.category_id where p.seller_id = :seller");
        if (status != null) {
            sql.append(" and p.status = :status");
        }
        if (after != null) {
            sql.append(" and (p.created_at, p.id) < (:afterTime, :afterId)");
        }
        sql.append(" order by p.created_at desc, p.id desc limit :fetch");
        var query = jdbc.sql(sql.toString()).param("seller", caller.id()).param("fetch", page.fetchSize());
        if (status != null) {
            query = query.param("status", status.name());
        }
        if (after != null) {
            query = query.param("afterTime", Timestamp.from(Objects.requireNonNull(after.createdAt())))
                    .param("afterId", after.id());
        }
        var rows = query.query((rs, n) -> ProductViews.row(rs)).list();
        var pageOfRows =
                Page.of(rows, page.limit(), row -> cursors.encode(new SellerCursor(list, row.createdAt(), row.id())));
        return new Page<>(views.of(pageOfRows.items()), pageOfRows.nextCursor());
    }

    /**
     * The keyset position after a row of the seller's list; {@code kind} (this list, this seller, this status) keeps
     * other lists' cursors out.
     */
    record SellerCursor(
            @Nullable String kind,
            @Nullable Instant createdAt,
            @Nullable UUID id) {
        static final String KIND = "seller-products";
    }

    private void setStock(UUID productId, int stock) {
        // on_hand follows from what is reserved at this instant, inside the one statement: nothing read earlier.
        jdbc.sql("update products set on_hand = reserved + :stock where id = :id")
                .param("stock", stock)
                .param("id", productId)
                .update();
    }

    private Product ownedForUpdate(CurrentUser caller, UUID productId) {
        return products.findForUpdate(productId)
                .filter(product -> product.isSoldBy(caller.id()))
                .orElseThrow(CatalogErrors::productNotFound);
    }

    private boolean categoryExists(UUID categoryId) {
        return jdbc.sql("select exists(select 1 from categories where id = ?)")
                .param(categoryId)
                .query(Boolean.class)
                .single();
    }

    /**
     * A category deleted between our check and the write: the foreign key refuses it, or, when the delete committed
     * first, the trigger that copies the category's ancestors finds none and the column's NOT NULL does; either way
     * it is 400 on {@code categoryId}, as if the category had been gone from the start.
     */
    private static ProductView withCategoryCheck(Supplier<@Nullable ProductView> write) {
        try {
            return Objects.requireNonNull(write.get());
        } catch (DataIntegrityViolationException e) {
            var refusal = String.valueOf(e.getMostSpecificCause().getMessage());
            if (refusal.contains("products_category_id_fkey") || refusal.contains("\"category_ancestors\"")) {
                throw CatalogErrors.unknownCategory("categoryId");
            }
            throw e;
        }
    }

    static void requireSeller(CurrentUser caller) {
        if (!caller.isSeller()) {
            throw CatalogErrors.notASeller();
        }
    }

    /**
     * A change to a product needs the seller role: without it, a product the caller can see is 403 {@code forbidden},
     * and one they cannot (unknown, or another seller's draft or archived product) 404, so ids cannot be probed.
     */
    static void requireSellerFor(CurrentUser caller, UUID productId, ProductRepository products) {
        if (!caller.isSeller()) {
            boolean visible = products.findById(productId)
                    .filter(product -> product.status().isVisibleToBuyers())
                    .isPresent();
            throw visible ? CatalogErrors.notASeller() : CatalogErrors.productNotFound();
        }
    }

    private Instant now() {
        // The database keeps microseconds: an instant with more would not survive a round trip (cursors compare them).
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
