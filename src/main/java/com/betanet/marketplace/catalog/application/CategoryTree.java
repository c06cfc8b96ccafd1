package com.betanet.marketplace.catalog.application;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The whole category tree, read with one query and kept in memory: every page of a client shows it, and it changes
 * only when an admin edits it. The node that makes a change forgets its copy once the change commits, so it answers
 * with the new tree at once; other nodes hold theirs for at most the TTL ({@code
 * marketplace.catalog.category-tree-ttl}, 60 s by default), which bounds how stale a tree can be anywhere.
 */
@Component
class CategoryTree {

    private static final String KEY = "tree";

    private final JdbcClient jdbc;
    private final LoadingCache<String, List<CategoryNode>> cache;

    CategoryTree(JdbcClient jdbc, @Value("${marketplace.catalog.category-tree-ttl:60s}") Duration ttl) {
        this.jdbc = jdbc;
        // A load that read the tree just before a change committed cannot outlive the invalidation: invalidating a
        // key waits for an in-flight load of that key to finish, then removes what it loaded.
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(1).build(key -> load());
    }

    List<CategoryNode> roots() {
        return cache.get(KEY);
    }

    /** Forgets the cached tree once the current transaction commits (at once outside a transaction). */
    void invalidateAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cache.invalidate(KEY);
                }
            });
        } else {
            cache.invalidate(KEY);
        }
    }

    private List<CategoryNode> load() {
        var rows = jdbc.sql("select id, parent_id, name, slug from categories order by depth, lower(name), name, id")
                .query((rs, row) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getObject("parent_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("slug")))
                .list();
        // Parents come before their children (ordered by depth), so one pass links every row to its parent.
        var children = new LinkedHashMap<UUID, List<Row>>();
        var roots = new ArrayList<Row>();
        for (var row : rows) {
            children.put(row.id(), new ArrayList<>());
            if (row.parentId() == null) {
                roots.add(row);
            } else {
                var siblings = children.get(row.parentId());
                if (siblings != null) {
                    siblings.add(row);
                }
            }
        }
        return freeze(roots, children);
    }

    private static List<CategoryNode> freeze(List<Row> rows, LinkedHashMap<UUID, List<Row>> children) {
        return rows.stream()
                .map(row -> new CategoryNode(
                        row.id(),
                        row.name(),
                        row.slug(),
                        row.parentId(),
                        freeze(children.getOrDefault(row.id(), List.of()), children)))
                .toList();
    }

    private record Row(UUID id, @Nullable UUID parentId, String name, String slug) {}
}
