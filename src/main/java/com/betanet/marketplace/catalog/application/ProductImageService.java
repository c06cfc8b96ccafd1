package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.ProductChanged;
import com.betanet.marketplace.catalog.domain.Product;
import com.betanet.marketplace.catalog.domain.ProductRepository;
import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.security.CurrentUser;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * A product's pictures, at most {@link #MAX_IMAGES}. Positions are dense (0, 1, 2…): a new image goes last, and
 * deleting one moves those after it up, so position 0 is always the cover. Every change locks the product row, so
 * concurrent uploads cannot pass the limit or take the same position. Uploads are checked and re-encoded before the
 * lock is taken (CPU work); files are stored inside the transaction (removed again if it rolls back) and deleted only
 * after it commits.
 */
@Service
public class ProductImageService {

    public static final int MAX_IMAGES = 10;

    private final ProductRepository products;
    private final MediaService media;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ProductImageService(
            ProductRepository products,
            MediaService media,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.products = products;
        this.media = media;
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public ImageView add(CurrentUser caller, UUID productId, MultipartFile file) {
        ProductService.requireSellerFor(caller, productId, products);
        // Cheap refusals first, so a stranger or a full product costs no image decoding; checked again under the lock.
        products.findById(productId)
                .filter(product -> product.isSoldBy(caller.id()))
                .orElseThrow(CatalogErrors::productNotFound);
        if (count(productId) >= MAX_IMAGES) {
            throw CatalogErrors.tooManyImages(MAX_IMAGES);
        }
        var image = media.processImage(file, ImagePurpose.PRODUCT);
        return Objects.requireNonNull(transactions.execute(status -> {
            var product = ownedForUpdate(caller, productId);
            int position = count(productId);
            if (position >= MAX_IMAGES) {
                throw CatalogErrors.tooManyImages(MAX_IMAGES);
            }
            var stored = media.store(image);
            var id = Ids.newId();
            var now = now();
            jdbc.sql("""
                            insert into product_images (id, product_id, image_key, thumbnail_key, position, created_at)
                            values (:id, :product, :key, :thumbnailKey, :position, :now)
                            """)
                    .param("id", id)
                    .param("product", productId)
                    .param("key", stored.key())
                    .param("thumbnailKey", stored.thumbnailKey())
                    .param("position", position)
                    .param("now", Timestamp.from(now))
                    .update();
            changed(product, now);
            return new ImageView(id, media.url(stored.key()), media.url(stored.thumbnailKey()), position);
        }));
    }

    /** Removes the image and, once that is committed, its files; the images after it move up one position. */
    public void remove(CurrentUser caller, UUID productId, UUID imageId) {
        ProductService.requireSellerFor(caller, productId, products);
        transactions.executeWithoutResult(status -> {
            var product = ownedForUpdate(caller, productId);
            var removed = jdbc.sql("""
                            delete from product_images where id = :id and product_id = :product
                            returning image_key, thumbnail_key, position
                            """)
                    .param("id", imageId)
                    .param("product", productId)
                    .query((rs, n) -> new Removed(
                            rs.getString("image_key"), rs.getString("thumbnail_key"), rs.getInt("position")))
                    .optional()
                    .orElseThrow(CatalogErrors::imageNotFound);
            // Two steps because the unique (product_id, position) index is checked row by row: shifting in place
            // could collide with a neighbour not yet moved. Negative positions are free, so park them there first.
            jdbc.sql("update product_images set position = -position where product_id = :product and position > :gap")
                    .param("product", productId)
                    .param("gap", removed.position())
                    .update();
            jdbc.sql("update product_images set position = -position - 1 where product_id = :product and position < 0")
                    .param("product", productId)
                    .update();
            media.delete(removed.key(), removed.thumbnailKey()); // once committed
            changed(product, now());
        });
    }

    private void changed(Product product, Instant now) {
        product.touch(now);
        products.saveAndFlush(product);
        events.publishEvent(new ProductChanged(product.id(), product.sellerId(), product.status(), now));
    }

    private Product ownedForUpdate(CurrentUser caller, UUID productId) {
        return products.findForUpdate(productId)
                .filter(product -> product.isSoldBy(caller.id()))
                .orElseThrow(CatalogErrors::productNotFound);
    }

    private int count(UUID productId) {
        return jdbc.sql("select count(*) from product_images where product_id = ?")
                .param(productId)
                .query(Integer.class)
                .single();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Removed(String key, String thumbnailKey, int position) {}
}
