package com.betanet.marketplace.catalog.application;

import java.util.UUID;

/** One picture of a product; the lowest position is shown first (the cover). */
public record ImageView(UUID id, String url, String thumbnailUrl, int position) {}
