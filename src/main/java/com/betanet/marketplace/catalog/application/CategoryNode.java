package com.betanet.marketplace.catalog.application;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One category of the tree with everything below it; children are sorted by name. */
public record CategoryNode(
        UUID id, String name, String slug, @Nullable UUID parentId, List<CategoryNode> children) {}
