package com.betanet.marketplace.media;

/**
 * An image in storage: the keys to keep in the database (URLs are derived from them with {@link MediaService#url}, so
 * they survive a change of host or CDN).
 *
 * @param sizeBytes the size of the stored image (not of the thumbnail)
 */
public record StoredImage(String key, String thumbnailKey, String contentType, int width, int height, long sizeBytes) {}
