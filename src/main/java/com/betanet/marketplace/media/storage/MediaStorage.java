package com.betanet.marketplace.media.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where media objects live. Keys are relative, slash-separated paths checked by {@link MediaKeys#isValid}; an adapter
 * refuses any other key, so no key can reach outside its storage. Objects are written once and never changed.
 */
public interface MediaStorage {

    /** How long clients and caches may keep an object: forever, since what a key names never changes. */
    String CACHE_CONTROL = "public, max-age=31536000, immutable";

    /** Writes an object; a reader never sees it half-written. */
    void put(String key, byte[] content, String contentType);

    /** The object for reading (the caller closes it), or empty when there is none under this key. */
    Optional<StoredObject> open(String key);

    boolean exists(String key);

    /** Removes an object; removing an absent one is not an error. */
    void delete(String key);

    /** A short name for logs and health output ({@code local:/path}, {@code s3:bucket}). */
    String describe();

    /** An object being read: its bytes, their length and media type. */
    record StoredObject(InputStream content, long length, String contentType) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    /** A storage backend failed (disk full, bucket unreachable): a server-side error, never the client's fault. */
    final class MediaStorageException extends RuntimeException {
        public MediaStorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
