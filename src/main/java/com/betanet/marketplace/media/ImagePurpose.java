package com.betanet.marketplace.media;

/**
 * What an image is for: decides where it is kept (the key prefix), how large the stored copy may be, and how large its
 * thumbnail is. Larger uploads are scaled down, never up.
 */
public enum ImagePurpose {
    AVATAR("avatars", 1024, 256),
    PRODUCT("products", 2048, 512),
    CHAT("chat", 2048, 256),
    STATUS("status", 2048, 256);

    private final String keyPrefix;
    private final int maxEdge;
    private final int thumbnailEdge;

    ImagePurpose(String keyPrefix, int maxEdge, int thumbnailEdge) {
        this.keyPrefix = keyPrefix;
        this.maxEdge = maxEdge;
        this.thumbnailEdge = thumbnailEdge;
    }

    /** The first segment of the storage keys of such images. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** The longest edge, in pixels, of the stored image. */
    public int maxEdge() {
        return maxEdge;
    }

    /** The longest edge, in pixels, of the thumbnail. */
    public int thumbnailEdge() {
        return thumbnailEdge;
    }
}
