package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.catalog.domain.CategoryRules;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.FieldError;
import com.betanet.marketplace.shared.web.PatchDocument;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The category tree. Each category keeps its materialised path ({@code /<root id>/…/<id>/}) and depth, so "this
 * category and everything below it" is one indexed prefix match for search. Changes are rare admin actions, so they
 * simply run one at a time (a table lock that readers and product writes do not wait for): no two moves can
 * interleave and leave a path half-rewritten, and "has no children" stays true until the delete commits.
 */
@Service
public class CategoryService {

    public static final Set<String> EDITABLE_FIELDS = Set.of("name", "slug", "parentId");

    /** Levels of the tree, a root being the first. */
    static final int MAX_LEVELS = 32;

    private final JdbcClient jdbc;
    private final CategoryTree tree;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CategoryService(JdbcClient jdbc, CategoryTree tree, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The whole tree: root categories with their descendants, siblings sorted by name. */
    public List<CategoryNode> tree() {
        return tree.roots();
    }

    /**
     * A new category. Without a slug, one is made from the name. An unknown parent is a 400 on {@code parentId} (it is
     * a bad reference in the body, like an unknown category of a product); a slug in use is 409 {@code slug_taken}.
     */
    public CategoryView create(String rawName, @Nullable String rawSlug, @Nullable UUID parentId) {
        var name = rawName.strip();
        var errors = new ArrayList<FieldError>();
        CategoryRules.checkName(name).ifPresent(errors::add);
        var slug = rawSlug != null ? rawSlug : CategoryRules.slugFrom(name);
        if (rawSlug == null && errors.isEmpty() && slug.isEmpty()) {
            errors.add(new FieldError("slug", "Cannot be made from this name; give one"));
        } else if (rawSlug != null) {
            CategoryRules.checkSlug(slug).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        var id = Ids.newId();
        return Objects.requireNonNull(transactions.execute(status -> {
            lockTree();
            String path = "/" + id + "/";
            int depth = 0;
            if (parentId != null) {
                var parent = find(parentId).orElseThrow(() -> CatalogErrors.unknownCategory("parentId"));
                path = parent.path() + id + "/";
                depth = parent.depth() + 1;
                requireWithinDepth(depth);
            }
            requireFreeSlug(slug, null);
            var now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
            jdbc.sql("""
                            insert into categories (id, parent_id, name, slug, path, depth, created_at, updated_at)
                            values (:id, :parent, :name, :slug, :path, :depth, :now, :now)
                            """)
                    .param("id", id)
                    .param("parent", parentId)
                    .param("name", name)
                    .param("slug", slug)
                    .param("path", path)
                    .param("depth", depth)
                    .param("now", now)
                    .update();
            tree.invalidateAfterCommit();
            return new CategoryView(id, name, slug, parentId);
        }));
    }

    /**
     * Renames, re-slugs or moves a category (JSON merge patch; {@code parentId: null} makes it a root). A move
     * rewrites the paths and depths of the whole subtree in one statement. Moving a category under itself or one of
     * its descendants would make a cycle: 400 on {@code parentId}, like an unknown parent.
     */
    public CategoryView edit(UUID id, PatchDocument patch) {
        var name = patch.requiredText("name").map(String::strip);
        var slug = patch.requiredText("slug");
        var parent = patch.optionalText("parentId")
                .map(value -> value.flatMap(raw -> PatchIds.parse(patch, "parentId", raw)));
        name.flatMap(CategoryRules::checkName).ifPresent(error -> patch.reject(error.field(), error.message()));
        slug.flatMap(CategoryRules::checkSlug).ifPresent(error -> patch.reject(error.field(), error.message()));
        patch.validate();

        return Objects.requireNonNull(transactions.execute(status -> {
            lockTree();
            var category = find(id).orElseThrow(CatalogErrors::categoryNotFound);
            var now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
            var newSlug = slug.orElse(category.slug());
            if (!newSlug.equals(category.slug())) {
                requireFreeSlug(newSlug, id);
            }
            var newParent = parent.isPresent() ? parent.get().orElse(null) : category.parentId();
            if (!Objects.equals(newParent, category.parentId())) {
                move(category, newParent, now);
            }
            var newName = name.orElse(category.name());
            jdbc.sql("""
                            update categories
                               set name = :name, slug = :slug, parent_id = :parent, updated_at = :now,
                                   version = version + 1
                             where id = :id
                            """)
                    .param("name", newName)
                    .param("slug", newSlug)
                    .param("parent", newParent)
                    .param("now", now)
                    .param("id", id)
                    .update();
            tree.invalidateAfterCommit();
            return new CategoryView(id, newName, newSlug, newParent);
        }));
    }

    /**
     * Changing a category needs the admin role: without it, 403 {@code forbidden} for a category that exists (the tree
     * is public) and 404 for one that does not, as for any unknown id.
     */
    public void requireAdminFor(CurrentUser caller, UUID id) {
        if (!caller.isAdmin()) {
            throw find(id).isPresent()
                    ? ApiException.forbidden("Only admins may change categories")
                    : CatalogErrors.categoryNotFound();
        }
    }

    /** Deletes a leaf category that no product (in any status) uses; anything else is 409 {@code category_in_use}. */
    public void delete(UUID id) {
        try {
            transactions.executeWithoutResult(status -> {
                lockTree();
                find(id).orElseThrow(CatalogErrors::categoryNotFound);
                var inUse = jdbc.sql("""
                                select exists(select 1 from categories where parent_id = :id)
                                    or exists(select 1 from products where category_id = :id)
                                """).param("id", id).query(Boolean.class).single();
                if (inUse) {
                    throw CatalogErrors.categoryInUse();
                }
                jdbc.sql("delete from categories where id = ?").param(id).update();
                tree.invalidateAfterCommit();
            });
        } catch (DataIntegrityViolationException productAddedMeanwhile) {
            // A product listed in this category committed between our check and the delete: the foreign key says no.
            throw CatalogErrors.categoryInUse();
        }
    }

    private void move(Category category, @Nullable UUID newParentId, Timestamp now) {
        String newPath;
        int newDepth;
        if (newParentId == null) {
            newPath = "/" + category.id() + "/";
            newDepth = 0;
        } else {
            var parent = find(newParentId).orElseThrow(() -> CatalogErrors.unknownCategory("parentId"));
            if (parent.path().startsWith(category.path())) {
                throw ApiException.validation(
                        "parentId", "Cannot move a category under itself or one of its subcategories");
            }
            newPath = parent.path() + category.id() + "/";
            newDepth = parent.depth() + 1;
            var deepest = jdbc.sql("select max(depth) from categories where path like :path || '%'")
                    .param("path", category.path())
                    .query(Integer.class)
                    .single();
            requireWithinDepth(newDepth + (deepest - category.depth()));
        }
        // Paths hold only UUIDs and slashes, so the LIKE pattern has no wildcard but the trailing one.
        jdbc.sql("""
                        update categories
                           set path = :newPath || substr(path, :oldLength + 1),
                               depth = depth + :depthChange,
                               updated_at = :now
                         where path like :oldPath || '%'
                        """)
                .param("newPath", newPath)
                .param("oldLength", category.path().length())
                .param("depthChange", newDepth - category.depth())
                .param("now", now)
                .param("oldPath", category.path())
                .update();
    }

    /**
     * A tree deeper than any shop needs is refused up front: every level lengthens the materialised path (37
     * characters), which is indexed, and the index takes about 70 levels at most.
     */
    private static void requireWithinDepth(int depth) {
        if (depth >= MAX_LEVELS) {
            throw ApiException.validation("parentId", "Categories nest at most " + MAX_LEVELS + " levels deep");
        }
    }

    /**
     * Category writes run one at a time. SHARE ROW EXCLUSIVE conflicts only with itself and with other writes to this
     * table: readers, and products pointing at categories (their foreign-key checks), do not wait.
     */
    private void lockTree() {
        jdbc.sql("lock table categories in share row exclusive mode").update();
    }

    private void requireFreeSlug(String slug, @Nullable UUID except) {
        var taken = jdbc.sql("select exists(select 1 from categories where slug = :slug and id <> :except)")
                .param("slug", slug)
                .param("except", except == null ? new UUID(0, 0) : except)
                .query(Boolean.class)
                .single();
        if (taken) {
            throw CatalogErrors.slugTaken(slug);
        }
    }

    private Optional<Category> find(UUID id) {
        return jdbc.sql("select id, parent_id, name, slug, path, depth from categories where id = ?")
                .param(id)
                .query((rs, row) -> new Category(
                        rs.getObject("id", UUID.class),
                        rs.getObject("parent_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("slug"),
                        rs.getString("path"),
                        rs.getInt("depth")))
                .optional();
    }

    private record Category(UUID id, @Nullable UUID parentId, String name, String slug, String path, int depth) {}
}
