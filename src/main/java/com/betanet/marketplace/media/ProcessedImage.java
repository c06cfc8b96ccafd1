package com.betanet.marketplace.media;

/**
 * An upload that passed every check and was re-encoded without metadata, with its thumbnail, not yet stored. Made by
 * {@link MediaService#processImage}; keeping it apart from {@link MediaService#store} lets a caller do the CPU-heavy
 * work before opening a database transaction.
 *
 * @param contentType of both the image and the thumbnail ({@code image/jpeg} or {@code image/png})
 */
public record ProcessedImage(
        ImagePurpose purpose,
        String contentType,
        byte[] image,
        int width,
        int height,
        byte[] thumbnail,
        int thumbnailWidth,
        int thumbnailHeight) {}
