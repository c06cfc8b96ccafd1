package com.betanet.marketplace.catalog.demo;

import java.util.Optional;

/**
 * Where demo product pictures are stored. The media module's adapter (checks, re-encodes and thumbnails through
 * {@code MediaService}) replaces the default, which stores nothing, once that module is part of the build.
 */
interface DemoImages {

    /** Keys of a stored image and its thumbnail. */
    record Stored(String key, String thumbnailKey) {}

    /** Stores a PNG; empty when pictures are not stored at all. */
    Optional<Stored> store(byte[] png);
}
