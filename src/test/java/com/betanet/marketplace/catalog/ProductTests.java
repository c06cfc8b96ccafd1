package com.betanet.marketplace.catalog;

import static com.betanet.marketplace.catalog.CategoryTests.assertForbidden;
import static com.betanet.marketplace.catalog.CategoryTests.assertValidationError;
import static com.betanet.marketplace.support.CatalogApiFixtures.id;
import static com.betanet.marketplace.support.CatalogApiFixtures.product;
import static com.betanet.marketplace.support.CatalogApiFixtures.productBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ProductTests {

    private static final String PRODUCTS = "/api/v1/products";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CatalogApi catalog;

    Api api;
    Accounts.Session seller;
    UUID categoryId;
    UUID otherCategoryId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        var admin = CatalogApiFixtures.admin(api);
        categoryId = CatalogApiFixtures.categoryId(api, admin);
        otherCategoryId = CatalogApiFixtures.categoryId(api, admin);
        seller = Accounts.seller(api);
    }

    @Test
    void sellerListsAProductThatAnyoneCanRead() {
        var body = productBody(categoryId);
        var created = api.post(PRODUCTS).bearer(seller.accessToken()).json(body).send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var product = created.json();
        assertThat(product.get("title").asString()).isEqualTo(body.get("title"));
        assertThat(product.get("description").asString()).isEqualTo(body.get("description"));
        assertThat(product.get("category").get("id").asString()).isEqualTo(categoryId.toString());
        assertThat(product.get("category").get("name").asString()).startsWith("Category ");
        assertThat(product.get("category").get("slug").asString()).startsWith("category-");
        assertThat(product.get("category").size()).isEqualTo(3);
        assertThat(product.get("price").get("amount").asLong()).isEqualTo(150_000);
        assertThat(product.get("price").get("currency").asString()).isEqualTo("KES");
        assertThat(product.get("price").size()).isEqualTo(2);
        assertThat(product.get("stock").asInt()).isEqualTo(10);
        assertThat(product.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(product.get("seller").get("id").asString())
                .isEqualTo(seller.id().toString());
        assertThat(product.get("seller").get("username").asString()).isEqualTo(seller.username());
        assertThat(product.get("seller").get("shopName").asString()).startsWith("Shop ");
        assertThat(product.get("seller").size()).isEqualTo(3);
        assertThat(product.get("rating").get("average").isNumber()).isTrue();
        assertThat(product.get("rating").get("average").decimalValue()).isZero();
        assertThat(product.get("rating").get("count").asInt()).isZero();
        assertThat(product.get("images").isArray()).isTrue();
        assertThat(product.get("images").size()).isZero();
        var createdAt = Instant.parse(product.get("createdAt").asString());
        assertThat(createdAt).isEqualTo(Instant.parse(product.get("updatedAt").asString()));
        assertThat(product.get("createdAt").asString()).endsWith("Z");
        assertThat(fieldNames(product))
                .containsExactlyInAnyOrder(
                        "id",
                        "title",
                        "description",
                        "category",
                        "price",
                        "stock",
                        "status",
                        "seller",
                        "rating",
                        "images",
                        "createdAt",
                        "updatedAt");

        var anonymous = api.get(PRODUCTS + "/" + id(product)).send();
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(200);
        assertThat(anonymous.json()).isEqualTo(product);
        var buyer = Accounts.buyer(api);
        assertThat(api.get(PRODUCTS + "/" + id(product))
                        .bearer(buyer.accessToken())
                        .send()
                        .json())
                .isEqualTo(product);

        assertThat(row(id(product)))
                .containsEntry("on_hand", 10)
                .containsEntry("reserved", 0)
                .containsEntry("status", "ACTIVE")
                .containsEntry("price_currency", "KES");
        var snapshot = catalog.product(id(product)).orElseThrow();
        assertThat(snapshot.sellerId()).isEqualTo(seller.id());
        assertThat(snapshot.price()).isEqualTo(Money.of(150_000, "KES"));
        assertThat(snapshot.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(snapshot.stock()).isEqualTo(10);
        assertThat(snapshot.title()).isEqualTo(body.get("title"));
    }

    @Test
    void onlySellersMayListProducts() {
        var buyer = Accounts.buyer(api);
        var body = productBody(categoryId);

        assertForbidden(
                api.post(PRODUCTS).bearer(buyer.accessToken()).json(body).send());
        var anonymous = api.post(PRODUCTS).json(body).send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(countByTitle((String) body.get("title"))).isZero();
    }

    @Test
    void draftsAndArchivedProductsAreSeenOnlyByTheirSeller() {
        var body = productBody(categoryId);
        body.put("status", "DRAFT");
        var draft = product(api, seller, body);
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        var otherSeller = Accounts.seller(api);
        var buyer = Accounts.buyer(api);

        assertHiddenFromOthers(id(draft), otherSeller, buyer);
        assertThat(api.get(PRODUCTS + "/" + id(draft))
                        .bearer(seller.accessToken())
                        .send()
                        .status())
                .isEqualTo(200);

        var live = product(api, seller, categoryId);
        var archived = api.delete(PRODUCTS + "/" + id(live))
                .bearer(seller.accessToken())
                .send();
        assertThat(archived.status()).as(archived.toString()).isEqualTo(204);
        assertThat(row(id(live))).containsEntry("status", "ARCHIVED");
        assertHiddenFromOthers(id(live), otherSeller, buyer);
        var own =
                api.get(PRODUCTS + "/" + id(live)).bearer(seller.accessToken()).send();
        assertThat(own.json().get("status").asString()).isEqualTo("ARCHIVED");
        // archiving again changes nothing and still answers 204
        assertThat(api.delete(PRODUCTS + "/" + id(live))
                        .bearer(seller.accessToken())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(catalog.product(id(live)).orElseThrow().status()).isEqualTo(ProductStatus.ARCHIVED);
    }

    @Test
    void anotherSellersProductIsNotFoundForEveryChange() {
        var product = product(api, seller, categoryId);
        var draftBody = productBody(categoryId);
        draftBody.put("status", "DRAFT");
        var draft = product(api, seller, draftBody);
        var intruder = Accounts.seller(api);
        var before = row(id(product));

        for (var target : List.of(id(product), id(draft))) {
            assertNotFound(api.patch(PRODUCTS + "/" + target)
                    .bearer(intruder.accessToken())
                    .json(Map.of("title", "Mine now"))
                    .send());
            assertNotFound(api.delete(PRODUCTS + "/" + target)
                    .bearer(intruder.accessToken())
                    .send());
            assertNotFound(api.post(PRODUCTS + "/" + target + "/images")
                    .bearer(intruder.accessToken())
                    .multipart(
                            "file", "x.png", "image/png", com.betanet.marketplace.media.TestImages.png(20, 20, false))
                    .send());
        }
        assertNotFound(api.get(PRODUCTS + "/" + id(draft))
                .bearer(intruder.accessToken())
                .send());
        assertThat(row(id(product))).isEqualTo(before);
        assertThat(row(id(draft))).containsEntry("status", "DRAFT");

        // a buyer lacks the role for any change at all
        var buyer = Accounts.buyer(api);
        assertForbidden(api.patch(PRODUCTS + "/" + id(product))
                .bearer(buyer.accessToken())
                .json(Map.of("title", "Mine now"))
                .send());
        assertForbidden(api.delete(PRODUCTS + "/" + id(product))
                .bearer(buyer.accessToken())
                .send());
        // ... but what a buyer cannot see (an unknown id, a draft) is 404 for every change, not 403
        for (var hidden : List.of(id(draft), UUID.randomUUID())) {
            assertNotFound(api.patch(PRODUCTS + "/" + hidden)
                    .bearer(buyer.accessToken())
                    .json(Map.of("title", "Mine now"))
                    .send());
            assertNotFound(api.delete(PRODUCTS + "/" + hidden)
                    .bearer(buyer.accessToken())
                    .send());
            assertNotFound(api.post(PRODUCTS + "/" + hidden + "/images")
                    .bearer(buyer.accessToken())
                    .multipart(
                            "file", "x.png", "image/png", com.betanet.marketplace.media.TestImages.png(20, 20, false))
                    .send());
            assertNotFound(api.delete(PRODUCTS + "/" + hidden + "/images/" + UUID.randomUUID())
                    .bearer(buyer.accessToken())
                    .send());
        }
        assertNotFound(api.delete(PRODUCTS + "/" + id(draft))
                .bearer(CatalogApiFixtures.admin(api).accessToken())
                .send());
        assertThat(row(id(draft))).containsEntry("status", "DRAFT");
        assertNotFound(api.get(PRODUCTS + "/" + UUID.randomUUID()).send());
        assertNotFound(api.patch(PRODUCTS + "/" + UUID.randomUUID())
                .bearer(seller.accessToken())
                .json(Map.of("title", "Nothing"))
                .send());
    }

    @Test
    void aCategoryDeletedWhileAProductIsPutInItIsABadRequestNeverAServerError() throws Exception {
        var admin = CatalogApiFixtures.admin(api);
        var moving = product(api, seller, otherCategoryId);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 15; round++) {
                var doomed = CatalogApiFixtures.categoryId(api, admin);
                var start = new java.util.concurrent.CountDownLatch(1);
                var delete = pool.submit(() -> {
                    start.await();
                    return api.delete("/api/v1/categories/" + doomed)
                            .bearer(admin.accessToken())
                            .send();
                });
                var create = pool.submit(() -> {
                    start.await();
                    return api.post(PRODUCTS)
                            .bearer(seller.accessToken())
                            .json(productBody(doomed))
                            .send();
                });
                var move = pool.submit(() -> {
                    start.await();
                    return api.patch(PRODUCTS + "/" + id(moving))
                            .bearer(seller.accessToken())
                            .json(Map.of("categoryId", doomed.toString()))
                            .send();
                });
                start.countDown();
                var deleted = delete.get();
                int productsInIt = 0;
                for (var write : List.of(create.get(), move.get())) {
                    if (write.status() == 400) {
                        assertValidationError(write, "categoryId");
                    } else {
                        assertThat(write.status()).as(write.toString()).isIn(200, 201);
                        productsInIt++;
                    }
                }
                boolean gone = jdbc.sql("select count(*) from categories where id = ?")
                                .param(doomed)
                                .query(Integer.class)
                                .single()
                        == 0;
                // the category went only if no product got into it, and then its delete said so
                assertThat(deleted.status()).as(deleted.toString()).isEqualTo(gone ? 204 : 409);
                assertThat(gone).isEqualTo(productsInIt == 0);
                assertThat(row(id(moving)).get("category_id")).isNotNull();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void editsOnlyTheFieldsGiven() throws InterruptedException {
        var product = product(api, seller, categoryId);
        Thread.sleep(5);

        var edited = api.patch(PRODUCTS + "/" + id(product))
                .bearer(seller.accessToken())
                .json(Map.of("title", "  New title  "))
                .send();

        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        var json = edited.json();
        assertThat(json.get("title").asString()).isEqualTo("New title");
        assertThat(json.get("description")).isEqualTo(product.get("description"));
        assertThat(json.get("price")).isEqualTo(product.get("price"));
        assertThat(json.get("stock")).isEqualTo(product.get("stock"));
        assertThat(json.get("category")).isEqualTo(product.get("category"));
        assertThat(json.get("createdAt")).isEqualTo(product.get("createdAt"));
        assertThat(Instant.parse(json.get("updatedAt").asString()))
                .isAfter(Instant.parse(product.get("updatedAt").asString()));

        var everything = new LinkedHashMap<String, Object>();
        everything.put("description", "");
        everything.put("categoryId", otherCategoryId.toString());
        everything.put("price", Map.of("amount", 99, "currency", "KES"));
        everything.put("stock", 0);
        everything.put("status", "DRAFT");
        var all = api.patch(PRODUCTS + "/" + id(product))
                .bearer(seller.accessToken())
                .json(everything)
                .send();
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().get("title").asString()).isEqualTo("New title");
        assertThat(all.json().get("description").asString()).isEmpty();
        assertThat(all.json().get("category").get("id").asString()).isEqualTo(otherCategoryId.toString());
        assertThat(all.json().get("price").get("amount").asLong()).isEqualTo(99);
        assertThat(all.json().get("stock").asInt()).isZero();
        assertThat(all.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(api.get(PRODUCTS + "/" + id(product)).send().status()).isEqualTo(404);

        var back = api.patch(PRODUCTS + "/" + id(product))
                .bearer(seller.accessToken())
                .json(Map.of("status", "ACTIVE"))
                .send();
        assertThat(back.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(api.get(PRODUCTS + "/" + id(product)).send().json()).isEqualTo(back.json());

        var empty = api.patch(PRODUCTS + "/" + id(product))
                .bearer(seller.accessToken())
                .json("{}")
                .send();
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json()).isEqualTo(back.json());
    }

    @Test
    void settingStockKeepsWhatCheckoutsHaveReserved() {
        var product = product(api, seller, categoryId);
        var id = id(product);
        // a checkout reserves 3 of the 10 (as ordering will: one conditional update)
        jdbc.sql("update products set reserved = reserved + 3 where id = ? and on_hand - reserved >= 3")
                .param(id)
                .update();
        assertThat(api.get(PRODUCTS + "/" + id).send().json().get("stock").asInt())
                .isEqualTo(7);

        var restocked = api.patch(PRODUCTS + "/" + id)
                .bearer(seller.accessToken())
                .json(Map.of("stock", 5))
                .send();

        assertThat(restocked.status()).as(restocked.toString()).isEqualTo(200);
        assertThat(restocked.json().get("stock").asInt()).isEqualTo(5);
        assertThat(row(id)).containsEntry("on_hand", 8).containsEntry("reserved", 3);

        // an edit of anything else never writes the stock columns back
        jdbc.sql("update products set reserved = reserved + 2 where id = ?")
                .param(id)
                .update();
        var retitled = api.patch(PRODUCTS + "/" + id)
                .bearer(seller.accessToken())
                .json(Map.of("title", "Retitled", "price", Map.of("amount", 2000, "currency", "KES")))
                .send();
        assertThat(retitled.status()).as(retitled.toString()).isEqualTo(200);
        assertThat(retitled.json().get("stock").asInt()).isEqualTo(3);
        assertThat(row(id)).containsEntry("on_hand", 8).containsEntry("reserved", 5);

        var soldOut = api.patch(PRODUCTS + "/" + id)
                .bearer(seller.accessToken())
                .json(Map.of("stock", 0))
                .send();
        assertThat(soldOut.json().get("stock").asInt()).isZero();
        assertThat(row(id)).containsEntry("on_hand", 5).containsEntry("reserved", 5);
        assertThat(catalog.product(id).orElseThrow().stock()).isZero();
    }

    @Test
    void refusesBadProductsAndStoresNothing() {
        var cases = new LinkedHashMap<String, Map<String, Object>>();
        cases.put("price.amount", with("price", Map.of("amount", -1, "currency", "KES")));
        cases.put("price.amount ", with("price", Map.of("amount", 0, "currency", "KES")));
        cases.put("price.amount  ", with("price", Map.of("amount", 1_000_000_000_001L, "currency", "KES")));
        cases.put("price.currency", with("price", Map.of("amount", 100, "currency", "USD")));
        cases.put("price.currency ", with("price", Map.of("amount", 100, "currency", "kes")));
        cases.put("price.currency  ", with("price", Map.of("amount", 100)));
        cases.put("price", with("price", null));
        cases.put("categoryId", with("categoryId", UUID.randomUUID().toString()));
        cases.put("categoryId ", with("categoryId", "not-a-uuid"));
        cases.put("title", with("title", "x".repeat(10_000)));
        cases.put("title ", with("title", "x".repeat(201)));
        cases.put("title  ", with("title", ""));
        cases.put("title   ", with("title", "  "));
        cases.put("title    ", with("title", null));
        cases.put("title     ", with("title", "Bell\u0007 ring"));
        cases.put("title      ", with("title", "Two\nlines"));
        cases.put("title       ", with("title", "Right-to-left \u202E override"));
        cases.put("description", with("description", "y".repeat(10_001)));
        cases.put("description ", with("description", "Escape \u001b[31m red"));
        cases.put("description  ", with("description", null));
        cases.put("stock", with("stock", -1));
        cases.put("stock ", with("stock", 1_000_001));
        cases.put("stock  ", with("stock", 1.5));
        cases.put("stock   ", with("stock", null));
        cases.put("status", with("status", "ARCHIVED"));
        cases.put("status ", with("status", "SOLD"));
        cases.put("sellerId", with("sellerId", UUID.randomUUID().toString()));
        cases.put("rating", with("rating", Map.of("average", 5, "count", 100)));

        for (var entry : cases.entrySet()) {
            var response = api.post(PRODUCTS)
                    .bearer(seller.accessToken())
                    .json(entry.getValue())
                    .send();
            assertValidationError(response, entry.getKey().strip());
        }
        var raw = new String[] {
            "{\"title\": \"T\", \"description\": \"\", \"categoryId\": \"" + categoryId
                    + "\", \"price\": {\"amount\": 1e30, \"currency\": \"KES\"}, \"stock\": 1}",
            "{\"title\": \"T\", \"description\": \"\", \"categoryId\": \"" + categoryId
                    + "\", \"price\": {\"amount\": 99999999999999999999999, \"currency\": \"KES\"}, \"stock\": 1}",
            "{\"title\": \"T\", \"description\": \"\", \"categoryId\": \"" + categoryId
                    + "\", \"price\": {\"amount\": 1.5, \"currency\": \"KES\"}, \"stock\": 1}",
        };
        for (var body : raw) {
            var response =
                    api.post(PRODUCTS).bearer(seller.accessToken()).json(body).send();
            assertValidationError(response, "price.amount");
        }
        var malformed = api.post(PRODUCTS)
                .bearer(seller.accessToken())
                .json("{\"title\": ")
                .send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("validation_failed");

        assertThat(jdbc.sql("select count(*) from products where seller_id = ?")
                        .param(seller.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void documentsOnlyTheStatusesAProductCanBeCreatedWith() {
        var document = api.get("/v3/api-docs").send();
        assertThat(document.status()).isEqualTo(200);
        var create = document.json().get("paths").get(PRODUCTS).get("post");
        assertThat(create.get("requestBody")
                        .get("content")
                        .get("application/json")
                        .get("schema")
                        .get("$ref")
                        .asString())
                .isEqualTo("#/components/schemas/CreateProductRequest");
        var schemas = document.json().get("components").get("schemas");

        // a new product cannot be ARCHIVED (refusesBadProductsAndStoresNothing); an edit may archive one
        var createStatus = schemas.get("CreateProductRequest").get("properties").get("status");
        assertThat(values(createStatus.get("enum"))).containsExactlyInAnyOrder("ACTIVE", "DRAFT");
        assertThat(createStatus.get("default").asString()).isEqualTo("ACTIVE");
        var editStatus = schemas.get("EditProductRequest").get("properties").get("status");
        assertThat(values(editStatus.get("enum"))).containsExactlyInAnyOrder("ACTIVE", "DRAFT", "ARCHIVED");
    }

    @Test
    void refusesBadEditsAndStoresNothing() {
        var product = product(api, seller, categoryId);
        var id = id(product);
        var before = row(id);

        var cases = new Object[][] {
            {"{\"sellerId\": \"" + UUID.randomUUID() + "\"}", "sellerId"},
            {"{\"title\": \"Fine\", \"reserved\": 0}", "reserved"},
            {"{\"title\": null}", "title"},
            {"{\"description\": null}", "description"},
            {"{\"categoryId\": null}", "categoryId"},
            {"{\"price\": null}", "price"},
            {"{\"stock\": null}", "stock"},
            {"{\"status\": null}", "status"},
            {"{\"title\": \"" + "x".repeat(10_000) + "\"}", "title"},
            {"{\"title\": \"Bell\\u0007\"}", "title"},
            {"{\"title\": 5}", "title"},
            {"{\"categoryId\": \"" + UUID.randomUUID() + "\"}", "categoryId"},
            {"{\"categoryId\": \"1-2-3-4-5\"}", "categoryId"},
            {"{\"price\": {\"amount\": -5, \"currency\": \"KES\"}}", "price.amount"},
            {"{\"price\": {\"amount\": 1000000000001, \"currency\": \"KES\"}}", "price.amount"},
            {"{\"price\": {\"amount\": 1e30, \"currency\": \"KES\"}}", "price.amount"},
            {"{\"price\": {\"amount\": 100, \"currency\": \"EUR\"}}", "price.currency"},
            {"{\"price\": {\"amount\": 100}}", "price.currency"},
            {"{\"price\": {\"amount\": 100, \"currency\": \"KES\", \"cents\": 1}}", "price.cents"},
            {"{\"price\": 100}", "price"},
            {"{\"stock\": -1}", "stock"},
            {"{\"stock\": 1000001}", "stock"},
            {"{\"stock\": \"5\"}", "stock"},
            {"{\"stock\": 2.5}", "stock"},
            {"{\"status\": \"SOLD\"}", "status"},
            {"{\"status\": \"active\"}", "status"},
            {"[]", "body"},
            // one bad field spoils the whole edit
            {"{\"title\": \"Would be fine\", \"stock\": -1}", "stock"},
        };
        for (var edit : cases) {
            var response = api.patch(PRODUCTS + "/" + id)
                    .bearer(seller.accessToken())
                    .json(edit[0])
                    .send();
            assertValidationError(response, (String) edit[1]);
        }
        assertThat(row(id)).isEqualTo(before);
    }

    private void assertHiddenFromOthers(UUID productId, Accounts.Session otherSeller, Accounts.Session buyer) {
        assertNotFound(api.get(PRODUCTS + "/" + productId).send());
        assertNotFound(
                api.get(PRODUCTS + "/" + productId).bearer(buyer.accessToken()).send());
        assertNotFound(api.get(PRODUCTS + "/" + productId)
                .bearer(otherSeller.accessToken())
                .send());
    }

    static void assertNotFound(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("not_found");
    }

    private Map<String, Object> with(String field, Object value) {
        var body = new HashMap<>(productBody(categoryId));
        body.put(field, value);
        return body;
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("""
                        select title, description, category_id, price_amount, price_currency, on_hand, reserved, status,
                               updated_at, version
                          from products where id = ?""").param(id).query().singleRow();
    }

    private int countByTitle(String title) {
        return jdbc.sql("select count(*) from products where title = ?")
                .param(title)
                .query(Integer.class)
                .single();
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }

    private static List<String> values(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
