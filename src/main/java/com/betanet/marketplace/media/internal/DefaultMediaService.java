package com.betanet.marketplace.media.internal;

import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.ImageRejectedException;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.media.ProcessedImage;
import com.betanet.marketplace.media.StoredImage;
import com.betanet.marketplace.media.storage.MediaKeys;
import com.betanet.marketplace.media.storage.MediaStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

@Service
class DefaultMediaService implements MediaService {

    private static final Logger log = LoggerFactory.getLogger(DefaultMediaService.class);

    private final MediaStorage storage;
    private final ImageProcessor images;
    private final SecureRandom random = new SecureRandom();

    DefaultMediaService(MediaStorage storage, ImageProcessor images) {
        this.storage = storage;
        this.images = images;
    }

    @Override
    public ProcessedImage processImage(MultipartFile file, ImagePurpose purpose) {
        if (file.getSize() > MAX_IMAGE_BYTES) {
            throw ImageRejectedException.tooManyBytes(MAX_IMAGE_BYTES);
        }
        try (var content = file.getInputStream()) {
            return processImage(content, purpose);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file", e);
        }
    }

    @Override
    public ProcessedImage processImage(InputStream content, ImagePurpose purpose) {
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) MAX_IMAGE_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file", e);
        }
        return images.process(bytes, purpose);
    }

    @Override
    public StoredImage store(ProcessedImage image) {
        // Random, never reused: what is stored under a key never changes, so clients may cache it forever.
        var id = HexFormat.of().formatHex(randomBytes());
        var extension = MediaType.IMAGE_PNG_VALUE.equals(image.contentType()) ? "png" : "jpg";
        var base = image.purpose().keyPrefix() + "/" + id.substring(0, 2) + "/" + id;
        var key = base + "." + extension;
        var thumbnailKey = base + "-thumb." + extension;
        storage.put(key, image.image(), image.contentType());
        try {
            storage.put(thumbnailKey, image.thumbnail(), image.contentType());
        } catch (RuntimeException e) {
            deleteNow(List.of(key));
            throw e;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    // Only a certain rollback: with an unknown outcome the row may point at the files.
                    if (status == STATUS_ROLLED_BACK) {
                        deleteNow(List.of(key, thumbnailKey));
                    }
                }
            });
        }
        return new StoredImage(
                key, thumbnailKey, image.contentType(), image.width(), image.height(), image.image().length);
    }

    @Override
    public void delete(Collection<String> keys) {
        var valid = keys.stream().filter(MediaKeys::isValid).toList();
        if (valid.size() < keys.size()) {
            log.warn("Ignored invalid media keys in a delete: {}", keys);
        }
        if (valid.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleteNow(valid);
                }
            });
        } else {
            deleteNow(valid);
        }
    }

    @Override
    public String url(String key) {
        return URL_PREFIX + key;
    }

    private void deleteNow(Collection<String> keys) {
        for (var key : keys) {
            try {
                storage.delete(key);
            } catch (MediaStorage.MediaStorageException e) {
                // Nothing points at the object any more; it stays behind as an orphan, which costs only space.
                log.warn("Could not delete media object {} from {}", key, storage.describe(), e);
            }
        }
    }

    private byte[] randomBytes() {
        var bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
