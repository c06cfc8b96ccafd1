package com.betanet.marketplace.catalog.application;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A category on its own, as answered to the admin who created or changed it. */
public record CategoryView(
        UUID id, String name, String slug, @Nullable UUID parentId) {}
