package com.betanet.marketplace.media.storage;

import java.util.regex.Pattern;
import org.springframework.http.MediaType;

/**
 * The shape of a storage key: lowercase segments of {@code [a-z0-9_-]} separated by single slashes, with one optional
 * extension on the last. No dots elsewhere, no empty segments, no leading slash, no backslashes: a key cannot name a
 * parent directory or an absolute path on any storage.
 */
public final class MediaKeys {

    private static final int MAX_LENGTH = 200;
    private static final Pattern KEY =
            Pattern.compile("(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*(?:\\.[a-z0-9]{1,8})?");

    private MediaKeys() {}

    public static boolean isValid(String key) {
        return key.length() <= MAX_LENGTH && KEY.matcher(key).matches();
    }

    static String requireValid(String key) {
        if (!isValid(key)) {
            throw new IllegalArgumentException("Not a valid media key: " + key);
        }
        return key;
    }

    /**
     * The media type served for a key, from its extension; only the image types we write are named, anything else is
     * served as bytes to download.
     */
    public static String contentTypeOf(String key) {
        if (key.endsWith(".jpg") || key.endsWith(".jpeg")) {
            return MediaType.IMAGE_JPEG_VALUE;
        }
        if (key.endsWith(".png")) {
            return MediaType.IMAGE_PNG_VALUE;
        }
        if (key.endsWith(".webp")) {
            return "image/webp";
        }
        return MediaType.APPLICATION_OCTET_STREAM_VALUE;
    }
}
