package com.betanet.marketplace.catalog;

import static com.betanet.marketplace.support.CatalogApiFixtures.category;
import static com.betanet.marketplace.support.CatalogApiFixtures.id;
import static com.betanet.marketplace.support.CatalogApiFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.catalog.application.CategoryService;
import com.betanet.marketplace.shared.web.PatchDocument;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.IntegrationTest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class CategoryTests {

    private static final String CATEGORIES = "/api/v1/categories";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CategoryService categories;

    @Autowired
    PlatformTransactionManager transactionManager;

    Api api;
    Accounts.Session admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = CatalogApiFixtures.admin(api);
    }

    @Test
    void servesTheWholeTreeWithNestedChildrenToAnyone() {
        var suffix = unique();
        var root = category(api, admin, "Electronics " + suffix, null);
        var phones = category(api, admin, "Phones & Tablets " + suffix, id(root));
        var cases = category(api, admin, "Cases " + suffix, id(phones));
        var audio = category(api, admin, "Audio " + suffix, id(root));

        assertThat(root.get("slug").asString()).isEqualTo("electronics-" + suffix);
        assertThat(root.get("parentId").isNull()).isTrue();
        assertThat(phones.get("slug").asString()).isEqualTo("phones-tablets-" + suffix);
        assertThat(phones.get("parentId").asString()).isEqualTo(root.get("id").asString());

        var tree = api.get(CATEGORIES).send();
        assertThat(tree.status()).as(tree.toString()).isEqualTo(200);
        var rootNode = find(tree.json(), id(root));
        assertThat(rootNode).isNotNull();
        assertThat(rootNode.get("parentId").isNull()).isTrue();
        var children = rootNode.get("children");
        assertThat(children.size()).isEqualTo(2);
        // siblings sorted by name
        assertThat(children.get(0).get("id").asString())
                .isEqualTo(audio.get("id").asString());
        assertThat(children.get(1).get("id").asString())
                .isEqualTo(phones.get("id").asString());
        var phonesNode = children.get(1);
        assertThat(phonesNode.get("name").asString()).isEqualTo("Phones & Tablets " + suffix);
        assertThat(phonesNode.get("slug").asString()).isEqualTo("phones-tablets-" + suffix);
        assertThat(phonesNode.get("parentId").asString())
                .isEqualTo(root.get("id").asString());
        assertThat(phonesNode.get("children").size()).isEqualTo(1);
        var casesNode = phonesNode.get("children").get(0);
        assertThat(casesNode.get("id").asString()).isEqualTo(cases.get("id").asString());
        assertThat(casesNode.get("children").isArray()).isTrue();
        assertThat(casesNode.get("children").size()).isZero();
        // not listed a second time at the top level
        for (var top : tree.json()) {
            assertThat(top.get("parentId").isNull()).isTrue();
        }

        assertThat(pathOf(id(cases))).isEqualTo("/" + id(root) + "/" + id(phones) + "/" + id(cases) + "/");
        assertThat(depthOf(id(cases))).isEqualTo(2);
    }

    @Test
    void makesSlugsFromNamesWithAccentsAndPunctuationAndAcceptsAChosenOne() {
        var suffix = unique();
        var made = category(api, admin, "Électroménager & Cuisine — " + suffix, null);
        assertThat(made.get("slug").asString()).isEqualTo("electromenager-cuisine-" + suffix);

        var chosen = api.post(CATEGORIES)
                .bearer(admin.accessToken())
                .json(Map.of("name", "Kitchen", "slug", "kitchen-" + suffix))
                .send();
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(201);
        assertThat(chosen.json().get("slug").asString()).isEqualTo("kitchen-" + suffix);

        var noLatin = api.post(CATEGORIES)
                .bearer(admin.accessToken())
                .json(Map.of("name", "家电"))
                .send();
        assertValidationError(noLatin, "slug");
    }

    @Test
    void refusesATakenSlugOnCreateAndOnEdit() {
        var suffix = unique();
        var first = category(api, admin, "Books " + suffix, null);
        var second = category(api, admin, "Music " + suffix, null);

        var duplicate = api.post(CATEGORIES)
                .bearer(admin.accessToken())
                .json(Map.of("name", "Other books", "slug", "books-" + suffix))
                .send();
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("slug_taken");
        // the same name makes the same slug
        var sameName = api.post(CATEGORIES)
                .bearer(admin.accessToken())
                .json(Map.of("name", "Books " + suffix))
                .send();
        assertThat(sameName.code()).isEqualTo("slug_taken");
        assertThat(jdbc.sql("select count(*) from categories where name like ?")
                        .param("%books%" + suffix)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from categories where name like ?")
                        .param("%" + suffix)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);

        var taken = api.patch(CATEGORIES + "/" + id(second))
                .bearer(admin.accessToken())
                .json(Map.of("slug", first.get("slug").asString(), "name", "Renamed"))
                .send();
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("slug_taken");
        assertThat(nameOf(id(second))).isEqualTo("Music " + suffix);

        // keeping one's own slug is no conflict
        var same = api.patch(CATEGORIES + "/" + id(first))
                .bearer(admin.accessToken())
                .json(Map.of("slug", first.get("slug").asString()))
                .send();
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
    }

    @Test
    void refusesNonAdminsWithAForbiddenProblem() {
        var rootId = id(category(api, admin, "Garden " + unique(), null));
        var seller = Accounts.seller(api);
        var buyer = Accounts.buyer(api);

        for (var session : new Accounts.Session[] {seller, buyer}) {
            var create = api.post(CATEGORIES)
                    .bearer(session.accessToken())
                    .json(Map.of("name", "Sneaky " + unique()))
                    .send();
            assertForbidden(create);
            assertForbidden(api.patch(CATEGORIES + "/" + rootId)
                    .bearer(session.accessToken())
                    .json(Map.of("name", "Hacked"))
                    .send());
            assertForbidden(api.delete(CATEGORIES + "/" + rootId)
                    .bearer(session.accessToken())
                    .send());
            // an unknown id is 404 whatever the caller's roles: ids cannot be probed
            var unknown = CATEGORIES + "/" + UUID.randomUUID();
            var edit = api.patch(unknown)
                    .bearer(session.accessToken())
                    .json(Map.of("name", "Hacked"))
                    .send();
            assertThat(edit.status()).as(edit.toString()).isEqualTo(404);
            assertThat(edit.code()).isEqualTo("not_found");
            var delete = api.delete(unknown).bearer(session.accessToken()).send();
            assertThat(delete.status()).as(delete.toString()).isEqualTo(404);
        }
        var anonymous = api.post(CATEGORIES).json(Map.of("name", "Anonymous")).send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("unauthorized");
        assertThat(anonymous.header("WWW-Authenticate")).isPresent();

        assertThat(nameOf(rootId)).startsWith("Garden ");
        assertThat(jdbc.sql("select count(*) from categories where name like 'Sneaky %'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void answersNotFoundForUnknownCategoriesAndBadRequestForAnUnknownParent() {
        var unknown = UUID.randomUUID();
        var patch = api.patch(CATEGORIES + "/" + unknown)
                .bearer(admin.accessToken())
                .json(Map.of("name", "Nothing"))
                .send();
        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.code()).isEqualTo("not_found");
        var delete = api.delete(CATEGORIES + "/" + unknown)
                .bearer(admin.accessToken())
                .send();
        assertThat(delete.status()).isEqualTo(404);
        assertThat(delete.code()).isEqualTo("not_found");

        var name = "Orphan " + unique();
        var orphan = api.post(CATEGORIES)
                .bearer(admin.accessToken())
                .json(Map.of("name", name, "parentId", unknown.toString()))
                .send();
        assertValidationError(orphan, "parentId");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void refusesInvalidNamesSlugsAndFields() {
        var id = id(category(api, admin, "Toys " + unique(), null));
        var bodies = new Object[][] {
            {Map.of("name", ""), "name"},
            {Map.of("name", "   "), "name"},
            {Map.of("name", "x".repeat(101)), "name"},
            {Map.of("name", "Bell\u0007"), "name"},
            {Map.of("name", "Fine", "slug", "Not A Slug"), "slug"},
            {Map.of("name", "Fine", "slug", "double--hyphen"), "slug"},
            {Map.of("name", "Fine", "slug", ""), "slug"},
            {Map.of("name", "Fine", "parentId", "not-an-id"), "parentId"},
            {Map.of("name", "Fine", "path", "/hacked/"), "path"},
            {"{\"name\": null}", "name"},
            {"{\"name\": [\"x\"]}", "name"},
        };
        for (var body : bodies) {
            var response = api.post(CATEGORIES)
                    .bearer(admin.accessToken())
                    .json(body[0])
                    .send();
            assertValidationError(response, (String) body[1]);
        }
        var patches = new Object[][] {
            {"{\"name\": null}", "name"},
            {"{\"slug\": null}", "slug"},
            {"{\"slug\": \"UPPER\"}", "slug"},
            {"{\"depth\": 3}", "depth"},
            {"{\"parentId\": \"nope\"}", "parentId"},
            {"[]", "body"},
        };
        for (var patch : patches) {
            var response = api.patch(CATEGORIES + "/" + id)
                    .bearer(admin.accessToken())
                    .json(patch[0])
                    .send();
            assertValidationError(response, (String) patch[1]);
        }
        assertThat(nameOf(id)).startsWith("Toys ");
    }

    @Test
    void movesAWholeSubtreeAndRewritesEveryPathBelowIt() {
        var suffix = unique();
        var a = id(category(api, admin, "A " + suffix, null));
        var b = id(category(api, admin, "B " + suffix, a));
        var c = id(category(api, admin, "C " + suffix, b));
        var d = id(category(api, admin, "D " + suffix, c));
        var e = id(category(api, admin, "E " + suffix, null));
        var sibling = id(category(api, admin, "S " + suffix, a));

        var moved = api.patch(CATEGORIES + "/" + b)
                .bearer(admin.accessToken())
                .json(Map.of("parentId", e.toString()))
                .send();

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("parentId").asString()).isEqualTo(e.toString());
        assertThat(pathOf(b)).isEqualTo("/" + e + "/" + b + "/");
        assertThat(pathOf(c)).isEqualTo("/" + e + "/" + b + "/" + c + "/");
        assertThat(pathOf(d)).isEqualTo("/" + e + "/" + b + "/" + c + "/" + d + "/");
        assertThat(depthOf(b)).isEqualTo(1);
        assertThat(depthOf(d)).isEqualTo(3);
        assertThat(pathOf(sibling)).isEqualTo("/" + a + "/" + sibling + "/");
        assertThat(pathOf(a)).isEqualTo("/" + a + "/");
        var tree = api.get(CATEGORIES).send().json();
        assertThat(find(tree, e).get("children").get(0).get("id").asString()).isEqualTo(b.toString());
        assertThat(find(tree, a).get("children").size()).isEqualTo(1);

        // to the top, with parentId null; deeper levels follow
        var toRoot = api.patch(CATEGORIES + "/" + c)
                .bearer(admin.accessToken())
                .json("{\"parentId\": null}")
                .send();
        assertThat(toRoot.status()).as(toRoot.toString()).isEqualTo(200);
        assertThat(toRoot.json().get("parentId").isNull()).isTrue();
        assertThat(pathOf(c)).isEqualTo("/" + c + "/");
        assertThat(pathOf(d)).isEqualTo("/" + c + "/" + d + "/");
        assertThat(depthOf(c)).isZero();
        assertThat(depthOf(d)).isEqualTo(1);
        assertThat(parentOf(c)).isNull();
        assertThat(find(api.get(CATEGORIES).send().json(), c)).isNotNull();
    }

    @Test
    void refusesToMoveACategoryUnderItselfOrItsDescendants() {
        var suffix = unique();
        var a = id(category(api, admin, "Top " + suffix, null));
        var b = id(category(api, admin, "Middle " + suffix, a));
        var c = id(category(api, admin, "Bottom " + suffix, b));

        for (var target : new UUID[] {a, b, c}) {
            var response = api.patch(CATEGORIES + "/" + a)
                    .bearer(admin.accessToken())
                    .json(Map.of("parentId", target.toString(), "name", "Renamed"))
                    .send();
            assertValidationError(response, "parentId");
        }
        var unknownParent = api.patch(CATEGORIES + "/" + b)
                .bearer(admin.accessToken())
                .json(Map.of("parentId", UUID.randomUUID().toString()))
                .send();
        assertValidationError(unknownParent, "parentId");

        assertThat(nameOf(a)).isEqualTo("Top " + suffix);
        assertThat(pathOf(a)).isEqualTo("/" + a + "/");
        assertThat(pathOf(c)).isEqualTo("/" + a + "/" + b + "/" + c + "/");
    }

    @Test
    void refusesATreeDeeperThan32LevelsOnCreateAndOnMoveWithABadRequest() {
        var suffix = unique();
        var chain = new java.util.ArrayList<UUID>();
        UUID parent = null;
        for (int level = 1; level <= 32; level++) {
            parent = id(category(api, admin, "Level " + level + " " + suffix, parent));
            chain.add(parent);
        }
        var tooDeep = api.post(CATEGORIES)
                .bearer(admin.accessToken())
                .json(Map.of("name", "Level 33 " + suffix, "parentId", parent.toString()))
                .send();
        assertValidationError(tooDeep, "parentId");

        // a subtree of 2 levels fits under level 30, not under level 31
        var top = id(category(api, admin, "Subtree " + suffix, null));
        var below = id(category(api, admin, "Subtree child " + suffix, top));
        var refused = api.patch(CATEGORIES + "/" + top)
                .bearer(admin.accessToken())
                .json(Map.of("parentId", chain.get(30).toString()))
                .send();
        assertValidationError(refused, "parentId");
        assertThat(pathOf(below)).isEqualTo("/" + top + "/" + below + "/");
        var moved = api.patch(CATEGORIES + "/" + top)
                .bearer(admin.accessToken())
                .json(Map.of("parentId", chain.get(29).toString()))
                .send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(pathOf(below)).endsWith("/" + chain.get(29) + "/" + top + "/" + below + "/");
    }

    @Test
    void deletesALeafAndRefusesCategoriesInUseByChildrenOrProducts() {
        var suffix = unique();
        var parent = id(category(api, admin, "Parent " + suffix, null));
        var child = id(category(api, admin, "Child " + suffix, parent));
        var leaf = id(category(api, admin, "Leaf " + suffix, parent));

        var withChildren = api.delete(CATEGORIES + "/" + parent)
                .bearer(admin.accessToken())
                .send();
        assertThat(withChildren.status()).as(withChildren.toString()).isEqualTo(409);
        assertThat(withChildren.code()).isEqualTo("category_in_use");

        var seller = Accounts.seller(api);
        var product = CatalogApiFixtures.product(api, seller, child);
        var withProduct =
                api.delete(CATEGORIES + "/" + child).bearer(admin.accessToken()).send();
        assertThat(withProduct.status()).isEqualTo(409);
        assertThat(withProduct.code()).isEqualTo("category_in_use");

        // an archived product still holds its category: past orders show it
        assertThat(api.delete("/api/v1/products/" + id(product))
                        .bearer(seller.accessToken())
                        .send()
                        .status())
                .isEqualTo(204);
        var withArchived =
                api.delete(CATEGORIES + "/" + child).bearer(admin.accessToken()).send();
        assertThat(withArchived.code()).isEqualTo("category_in_use");
        assertThat(countNamed("Child " + suffix)).isEqualTo(1);

        var deleted =
                api.delete(CATEGORIES + "/" + leaf).bearer(admin.accessToken()).send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(countNamed("Leaf " + suffix)).isZero();
        var tree = api.get(CATEGORIES).send().json();
        assertThat(find(tree, leaf)).isNull();
        assertThat(find(tree, parent).get("children").size()).isEqualTo(1);
    }

    @Test
    void reflectsEveryChangeInTheTreeAtOnce() {
        var suffix = unique();
        api.get(CATEGORIES).send(); // the tree is cached now
        var id = id(category(api, admin, "Fresh " + suffix, null));
        assertThat(find(api.get(CATEGORIES).send().json(), id)).isNotNull();

        var renamed = api.patch(CATEGORIES + "/" + id)
                .bearer(admin.accessToken())
                .json(Map.of("name", "Renamed " + suffix, "slug", "renamed-" + suffix))
                .send();
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed " + suffix);
        var node = find(api.get(CATEGORIES).send().json(), id);
        assertThat(node.get("name").asString()).isEqualTo("Renamed " + suffix);
        assertThat(node.get("slug").asString()).isEqualTo("renamed-" + suffix);

        api.delete(CATEGORIES + "/" + id).bearer(admin.accessToken()).send();
        assertThat(find(api.get(CATEGORIES).send().json(), id)).isNull();
    }

    @Test
    void aChildAddedWhileItsParentIsBeingMovedGetsThePathOfTheNewPlace() throws Exception {
        var suffix = unique();
        var oldRoot = id(category(api, admin, "Old home " + suffix, null));
        var newRoot = id(category(api, admin, "New home " + suffix, null));
        var branch = id(category(api, admin, "Branch " + suffix, oldRoot));
        var twig = id(category(api, admin, "Twig " + suffix, branch));
        var moved = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            // The move joins this outer transaction, so it stays uncommitted until we let it go.
            var move = pool.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                categories.edit(
                        branch,
                        PatchDocument.of(
                                Api.JSON.readTree("{\"parentId\": \"" + newRoot + "\"}"),
                                CategoryService.EDITABLE_FIELDS));
                moved.countDown();
                await(release);
            }));
            assertThat(moved.await(30, TimeUnit.SECONDS)).isTrue();
            var add = pool.submit(() -> categories.create("Leaf " + suffix, null, twig));
            Thread.sleep(300);
            assertThat(add.isDone())
                    .as("the child waits for the move to commit")
                    .isFalse();
            release.countDown();
            move.get(30, TimeUnit.SECONDS);
            var leaf = add.get(30, TimeUnit.SECONDS);

            assertThat(pathOf(leaf.id())).isEqualTo("/" + newRoot + "/" + branch + "/" + twig + "/" + leaf.id() + "/");
            assertThat(depthOf(leaf.id())).isEqualTo(3);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        var inconsistent = jdbc.sql("""
                        select count(*) from categories c left join categories p on p.id = c.parent_id
                         where c.path <> coalesce(p.path, '/') || c.id || '/'
                            or c.depth <> coalesce(p.depth + 1, 0)""").query(Integer.class).single();
        assertThat(inconsistent).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void documentsTheEndpointsInTheOpenApiDocument() {
        var paths = api.get("/v3/api-docs").send().json().get("paths");

        assertThat(paths.get(CATEGORIES).has("get")).isTrue();
        assertThat(paths.get(CATEGORIES).get("post").get("responses").has("409"))
                .isTrue();
        assertThat(paths.get(CATEGORIES + "/{id}").has("patch")).isTrue();
        assertThat(paths.get(CATEGORIES + "/{id}")
                        .get("delete")
                        .get("responses")
                        .has("409"))
                .isTrue();
        assertThat(paths.get("/api/v1/products").has("post")).isTrue();
        assertThat(paths.get("/api/v1/products/{id}").has("patch")).isTrue();
        var upload = paths.get("/api/v1/products/{id}/images").get("post");
        assertThat(upload.get("requestBody").get("content").has("multipart/form-data"))
                .isTrue();
        assertThat(upload.get("responses").has("415")).isTrue();
        assertThat(upload.get("responses").has("409")).isTrue();
        assertThat(paths.get("/api/v1/seller/products").has("get")).isTrue();
    }

    private static @Nullable JsonNode find(JsonNode nodes, UUID id) {
        for (var node : nodes) {
            if (node.get("id").asString().equals(id.toString())) {
                return node;
            }
            var below = find(node.get("children"), id);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    private String pathOf(UUID id) {
        return column("path", id, String.class);
    }

    private int depthOf(UUID id) {
        return column("depth", id, Integer.class);
    }

    private String nameOf(UUID id) {
        return column("name", id, String.class);
    }

    private @Nullable UUID parentOf(UUID id) {
        return jdbc.sql("select parent_id from categories where id = ?")
                .param(id)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
                .single()
                .orElse(null);
    }

    private <T> T column(String column, UUID id, Class<T> type) {
        return jdbc.sql("select " + column + " from categories where id = ?")
                .param(id)
                .query(type)
                .single();
    }

    private int countNamed(String name) {
        return jdbc.sql("select count(*) from categories where name = ?")
                .param(name)
                .query(Integer.class)
                .single();
    }

    static void assertForbidden(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.code()).isEqualTo("forbidden");
    }

    static void assertValidationError(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
        var fields = new HashMap<String, String>();
        response.json()
                .get("errors")
                .forEach(error -> fields.put(error.get("field").asString(), ""));
        assertThat(fields).as(response.toString()).containsKey(field);
    }
}
