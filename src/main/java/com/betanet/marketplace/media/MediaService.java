package com.betanet.marketplace.media;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/**
 * Images in, keys and URLs out. Uploads are checked from their bytes (JPEG, PNG or WebP; at most {@link
 * #MAX_IMAGE_BYTES} and {@link #MAX_IMAGE_PIXELS}; the pixel count is read from the header before anything is decoded),
 * decoded, turned upright by their EXIF orientation, scaled down to the purpose's size and re-encoded without any
 * metadata; a thumbnail is made. Failures are {@link ImageRejectedException}s.
 *
 * <p>Storage follows the caller's database transaction, so the two cannot drift: files stored inside a transaction are
 * removed again if it rolls back, and deletions requested inside one happen only after it commits. Keys are random and
 * never reused, so stored objects are immutable and cached forever by clients.
 */
public interface MediaService {

    /** The largest accepted upload: 5 MiB. */
    long MAX_IMAGE_BYTES = 5L * 1024 * 1024;

    /** The most pixels (width x height) an accepted image may have: 40 megapixels. */
    long MAX_IMAGE_PIXELS = 40_000_000L;

    /** Where stored objects are served, relative to the server root. */
    String URL_PREFIX = "/media/";

    /** Checks and re-encodes an upload; touches no storage, so it can run before a transaction is opened. */
    ProcessedImage processImage(MultipartFile file, ImagePurpose purpose);

    /** Like {@link #processImage(MultipartFile, ImagePurpose)}; reads at most one byte past the limit. */
    ProcessedImage processImage(InputStream content, ImagePurpose purpose);

    /**
     * Writes an image and its thumbnail under new keys. Inside a transaction, both are removed again if it rolls back.
     */
    StoredImage store(ProcessedImage image);

    default StoredImage storeImage(MultipartFile file, ImagePurpose purpose) {
        return store(processImage(file, purpose));
    }

    default StoredImage storeImage(InputStream content, ImagePurpose purpose) {
        return store(processImage(content, purpose));
    }

    /**
     * Removes stored objects: after the current transaction commits (never if it rolls back), or at once outside a
     * transaction. Failures are logged, not thrown: the database no longer points at the objects, so at worst one
     * stays behind as an orphan.
     */
    void delete(Collection<String> keys);

    /** {@link #delete(Collection)} for keys that may be absent (e.g. a user without an avatar). */
    default void delete(@Nullable String... keys) {
        var present = new ArrayList<String>();
        Arrays.stream(keys).filter(Objects::nonNull).forEach(present::add);
        if (!present.isEmpty()) {
            delete(present);
        }
    }

    /** The URL clients GET the object from (root-relative, {@code /media/<key>}). */
    String url(String key);

    default @Nullable String urlOrNull(@Nullable String key) {
        return key == null ? null : url(key);
    }
}
