package com.betanet.marketplace.catalog.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.shared.web.PageRequest;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogFixtures;
import com.betanet.marketplace.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /products} on a fixture catalogue. The test database is shared with other tests, so every search is
 * scoped to this test's own categories or seller.
 */
@IntegrationTest
class ProductSearchTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ProductSearchRepository repository;

    Api api;
    CatalogFixtures catalog;
    Accounts.Session seller;
    CatalogFixtures.Category phones;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        catalog = new CatalogFixtures(jdbc);
        seller = Accounts.seller(api);
        phones = catalog.category("Phones", null);
    }

    @Test
    void returnsProductsInTheContractShapeWithoutAToken() {
        var category = catalog.category("Smartphones", null);
        var created = Instant.parse("2026-10-01T08:30:00.123456Z");
        var id = catalog.product(seller.id(), category, "Apple iPhone 15 128GB Black")
                .description("The newest iPhone with a bright display.")
                .price(12_999_900)
                .stock(10, 3)
                .rating("4.5", 12)
                .createdAt(created)
                .insert();
        catalog.image(id, 1, "products/b.png", "products/b-thumb.png");
        catalog.image(id, 0, "products/a.png", "products/a-thumb.png");

        var response = api.get("/api/v1/products?categoryId=" + category.id()).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var page = response.json();

        assertThat(page.get("nextCursor").isNull()).isTrue();
        // two decimals on the wire (the test's JSON reader would read 4.50 as 4.5)
        assertThat(response.text()).contains("\"rating\":{\"average\":4.50,\"count\":12}");
        assertThat(fieldNames(page)).containsExactlyInAnyOrder("items", "nextCursor");
        var product = page.get("items").get(0);
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
        assertThat(product.get("id").asString()).isEqualTo(id.toString());
        assertThat(product.get("title").asString()).isEqualTo("Apple iPhone 15 128GB Black");
        assertThat(product.get("description").asString()).isEqualTo("The newest iPhone with a bright display.");
        assertThat(fieldNames(product.get("category"))).containsExactlyInAnyOrder("id", "name", "slug");
        assertThat(product.get("category").get("id").asString())
                .isEqualTo(category.id().toString());
        assertThat(product.get("category").get("name").asString()).isEqualTo("Smartphones");
        assertThat(product.get("category").get("slug").asString()).isEqualTo(category.slug());
        assertThat(fieldNames(product.get("price"))).containsExactlyInAnyOrder("amount", "currency");
        assertThat(product.get("price").get("amount").asLong()).isEqualTo(12_999_900L);
        assertThat(product.get("price").get("currency").asString()).isEqualTo("KES");
        assertThat(product.get("stock").asInt()).isEqualTo(7);
        assertThat(product.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(fieldNames(product.get("seller"))).containsExactlyInAnyOrder("id", "username", "shopName");
        assertThat(product.get("seller").get("id").asString())
                .isEqualTo(seller.id().toString());
        assertThat(product.get("seller").get("username").asString()).isEqualTo(seller.username());
        assertThat(product.get("seller").get("shopName").asString()).startsWith("Shop ");
        assertThat(fieldNames(product.get("rating"))).containsExactlyInAnyOrder("average", "count");
        assertThat(product.get("rating").get("average").decimalValue()).isEqualByComparingTo("4.50");
        assertThat(product.get("rating").get("count").asInt()).isEqualTo(12);
        var images = product.get("images");
        assertThat(images.size()).isEqualTo(2);
        assertThat(fieldNames(images.get(0))).containsExactlyInAnyOrder("id", "url", "thumbnailUrl", "position");
        assertThat(images.get(0).get("position").asInt()).isZero();
        assertThat(images.get(0).get("url").asString()).isEqualTo("/media/products/a.png");
        assertThat(images.get(0).get("thumbnailUrl").asString()).isEqualTo("/media/products/a-thumb.png");
        assertThat(images.get(1).get("position").asInt()).isEqualTo(1);
        assertThat(Instant.parse(product.get("createdAt").asString())).isEqualTo(created);
        assertThat(Instant.parse(product.get("updatedAt").asString())).isEqualTo(created);
    }

    @Test
    void showsARatingOfZeroWhileThereAreNoReviews() {
        catalog.product(seller.id(), phones, "Unrated phone").insert();

        var rating = search(Map.of("categoryId", phones.id().toString()))
                .get("items")
                .get(0)
                .get("rating");

        assertThat(rating.get("average").decimalValue()).isZero();
        assertThat(rating.get("count").asInt()).isZero();
    }

    @Test
    void findsOnlyActiveProducts() {
        var active = catalog.product(seller.id(), phones, "Nokia 105 active").insert();
        catalog.product(seller.id(), phones, "Nokia 105 draft").status("DRAFT").insert();
        catalog.product(seller.id(), phones, "Nokia 105 archived")
                .status("ARCHIVED")
                .insert();

        assertThat(ids(search(Map.of("categoryId", phones.id().toString())))).containsExactly(active);
        assertThat(ids(search(Map.of("q", "nokia 105", "categoryId", phones.id().toString()))))
                .containsExactly(active);
        assertThat(ids(search(Map.of("sellerId", seller.id().toString())))).containsExactly(active);
    }

    @Test
    void categoryFilterIncludesEveryDescendant() {
        var electronics = catalog.category("Electronics", null);
        var mobile = catalog.category("Mobile", electronics);
        var smartphones = catalog.category("Smartphones", mobile);
        var sibling = catalog.category("Televisions", electronics);
        var elsewhere = catalog.category("Garden", null);
        var inRoot =
                catalog.product(seller.id(), electronics, "Universal remote").insert();
        var inMobile = catalog.product(seller.id(), mobile, "Feature phone").insert();
        var inSmartphones = catalog.product(seller.id(), smartphones, "Pixel 8").insert();
        var inSibling = catalog.product(seller.id(), sibling, "Smart TV 43").insert();
        catalog.product(seller.id(), elsewhere, "Garden hose").insert();

        assertThat(ids(search(Map.of("categoryId", electronics.id().toString()))))
                .containsExactlyInAnyOrder(inRoot, inMobile, inSmartphones, inSibling);
        assertThat(ids(search(Map.of("categoryId", mobile.id().toString()))))
                .containsExactlyInAnyOrder(inMobile, inSmartphones);
        assertThat(ids(search(Map.of("categoryId", smartphones.id().toString()))))
                .containsExactly(inSmartphones);
    }

    @Test
    void findsWordsInACategoryBelowItsNewParentAfterAMove() {
        var oldParent = catalog.category("Old parent", null);
        var newParent = catalog.category("New parent", null);
        var moved = catalog.category("Lamps", oldParent);
        var lamp = catalog.product(seller.id(), moved, "Moving desk lamp").insert();
        assertThat(ids(search(Map.of("q", "lamp", "categoryId", oldParent.id().toString()))))
                .containsExactly(lamp);
        assertThat(ids(search(Map.of("q", "lamp", "categoryId", newParent.id().toString()))))
                .isEmpty();

        // what the category admin does when it re-parents a category
        jdbc.sql("update categories set parent_id = :parent, path = :path where id = :id")
                .param("parent", newParent.id())
                .param("path", newParent.path() + moved.id() + "/")
                .param("id", moved.id())
                .update();

        assertThat(ids(search(Map.of("q", "lamp", "categoryId", newParent.id().toString()))))
                .containsExactly(lamp);
        assertThat(ids(search(Map.of("q", "lamp", "categoryId", oldParent.id().toString()))))
                .isEmpty();
        assertThat(ids(search(Map.of("categoryId", newParent.id().toString())))).containsExactly(lamp);
    }

    @Test
    void filtersByPriceRatingSellerAndStock() {
        var cheap = catalog.product(seller.id(), phones, "Cheap").price(5_000).insert();
        var middle = catalog.product(seller.id(), phones, "Middle")
                .price(50_000)
                .rating("4.20", 5)
                .insert();
        var dear = catalog.product(seller.id(), phones, "Dear")
                .price(500_000)
                .rating("3.90", 8)
                .stock(4, 4)
                .insert();
        var other = Accounts.seller(api.fromAnotherIp());
        var othersProduct = catalog.product(other.id(), phones, "Other seller")
                .price(50_000)
                .insert();
        var category = phones.id().toString();

        assertThat(ids(search(Map.of("categoryId", category, "minPrice", "50000"))))
                .containsExactlyInAnyOrder(middle, dear, othersProduct);
        assertThat(ids(search(Map.of("categoryId", category, "maxPrice", "50000"))))
                .containsExactlyInAnyOrder(cheap, middle, othersProduct);
        assertThat(ids(search(Map.of("categoryId", category, "minPrice", "50000", "maxPrice", "50000"))))
                .containsExactlyInAnyOrder(middle, othersProduct);
        assertThat(ids(search(Map.of("categoryId", category, "minRating", "4"))))
                .containsExactly(middle);
        assertThat(ids(search(Map.of("categoryId", category, "minRating", "3.9"))))
                .containsExactlyInAnyOrder(middle, dear);
        assertThat(ids(search(
                        Map.of("categoryId", category, "sellerId", other.id().toString()))))
                .containsExactly(othersProduct);
        assertThat(ids(search(Map.of("categoryId", category, "inStock", "true"))))
                .containsExactlyInAnyOrder(cheap, middle, othersProduct);
        assertThat(ids(search(Map.of("categoryId", category, "inStock", "false"))))
                .containsExactlyInAnyOrder(cheap, middle, dear, othersProduct);
    }

    @Test
    void sortsByNewestPriceAndRating() {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var old = catalog.product(seller.id(), phones, "Old")
                .price(300)
                .rating("4.00", 10)
                .createdAt(now.minusSeconds(300))
                .insert();
        var recent = catalog.product(seller.id(), phones, "Recent")
                .price(100)
                .rating("4.80", 2)
                .createdAt(now.minusSeconds(10))
                .insert();
        var middle = catalog.product(seller.id(), phones, "Middle")
                .price(200)
                .rating("4.00", 30)
                .createdAt(now.minusSeconds(100))
                .insert();
        var category = phones.id().toString();

        assertThat(ids(search(Map.of("categoryId", category)))).containsExactly(recent, middle, old);
        assertThat(ids(search(Map.of("categoryId", category, "sort", "newest"))))
                .containsExactly(recent, middle, old);
        assertThat(ids(search(Map.of("categoryId", category, "sort", "price_asc"))))
                .containsExactly(recent, middle, old);
        assertThat(ids(search(Map.of("categoryId", category, "sort", "price_desc"))))
                .containsExactly(old, middle, recent);
        // equal averages: more reviews first
        assertThat(ids(search(Map.of("categoryId", category, "sort", "rating_desc"))))
                .containsExactly(recent, middle, old);
    }

    @Test
    void ranksTitleMatchesAboveDescriptionMatches() {
        var inDescription = catalog.product(seller.id(), phones, "Silicone case")
                .description("Fits the Pixel 8 snugly.")
                .insert();
        var inTitle = catalog.product(seller.id(), phones, "Google Pixel 8")
                .description("A clean Android phone.")
                .insert();

        var page = search(Map.of("q", "pixel", "categoryId", phones.id().toString()));

        assertThat(ids(page)).containsExactly(inTitle, inDescription);
        // relevance is the default order with q; newest would put the case... second anyway, so check it explicitly
        assertThat(ids(search(Map.of("q", "pixel", "categoryId", phones.id().toString(), "sort", "relevance"))))
                .containsExactly(inTitle, inDescription);
    }

    @Test
    void findsProductsFromPrefixesAndMisspellings() {
        var iphone = catalog.product(seller.id(), phones, "Apple iPhone 15 128GB")
                .description("The iPhone 15 with a bright display and a great camera.")
                .insert();
        var galaxy = catalog.product(seller.id(), phones, "Samsung Galaxy S24 Ultra")
                .description("Samsung's flagship Galaxy phone.")
                .insert();
        catalog.product(seller.id(), phones, "Silicone case")
                .description("Fits the iPhone 15 and the Samsung Galaxy S24.")
                .insert();
        catalog.product(seller.id(), phones, "Fast charger 20W")
                .description("Charges an iPhone or a Galaxy in an hour.")
                .insert();
        catalog.product(seller.id(), phones, "Samsung Smart TV 43")
                .description("Crystal clear Samsung picture.")
                .insert();
        var category = phones.id().toString();

        assertThat(firstId(search(Map.of("q", "iphon", "categoryId", category))))
                .isEqualTo(iphone);
        assertThat(firstId(search(Map.of("q", "iphnoe", "categoryId", category))))
                .isEqualTo(iphone);
        assertThat(firstId(search(Map.of("q", "IPHONE 15", "categoryId", category))))
                .isEqualTo(iphone);
        assertThat(firstId(search(Map.of("q", "samsng galaxy", "categoryId", category))))
                .isEqualTo(galaxy);
        assertThat(firstId(search(Map.of("q", "galxy s24 ultra", "categoryId", category))))
                .isEqualTo(galaxy);
        assertThat(ids(search(Map.of("q", "samsng galaxy", "categoryId", category))))
                .hasSize(2)
                .doesNotContain(iphone);
    }

    /**
     * A window of the price order (after a walk that found less than a page) reads the matches up to the window's end
     * price, in order, from the cursor on — and, when short of a page, leaves the rest to the service's collecting.
     */
    @Test
    void aWindowOfThePriceOrderReadsTheMatchesUpToItsEndInOrder() {
        var word = "lantern" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        var byPrice = new ArrayList<UUID>();
        for (int i = 1; i <= 12; i++) {
            byPrice.add(catalog.product(seller.id(), phones, "Solar " + word + " " + i)
                    .price(100L * i)
                    .insert());
            catalog.product(seller.id(), phones, "Solar torch " + i)
                    .price(100L * i)
                    .insert();
        }
        catalog.product(seller.id(), phones, "Hidden " + word)
                .price(150)
                .status("DRAFT")
                .insert();
        var textQuery = "'" + word + "'";

        var ascending = criteria(word, "price_asc", "5");
        var upTo600 = new SearchPlan(ProductSearchSql.Access.WINDOW, 0, 4_000, 600);
        assertThat(window(ascending, textQuery, null, upTo600))
                .as("a page of five and one more")
                .containsExactlyElementsOf(byPrice.subList(0, 6));
        var after = new SearchCursor("f", textQuery, null, 300L, null, null, null, byPrice.get(2));
        assertThat(window(ascending, textQuery, after, upTo600))
                .as("from the cursor on, only up to the window's end")
                .containsExactlyElementsOf(byPrice.subList(3, 6));

        var descending = criteria(word, "price_desc", "5");
        var downTo1000 = new SearchPlan(ProductSearchSql.Access.WINDOW, 0, 4_000, 1_000);
        assertThat(window(descending, textQuery, null, downTo1000))
                .containsExactly(byPrice.get(11), byPrice.get(10), byPrice.get(9));
    }

    private static SearchCriteria criteria(String q, String sort, String limit) {
        return SearchCriteria.parse(new ProductSearchRequest(q, null, null, null, null, null, null, sort, limit, null));
    }

    private List<UUID> window(SearchCriteria criteria, String textQuery, SearchCursor after, SearchPlan plan) {
        return repository
                .page(
                        ProductSearchSql.page(
                                criteria,
                                textQuery,
                                null,
                                after,
                                criteria.page().fetchSize(),
                                plan),
                        false)
                .stream()
                .map(ProductSearchRepository.Row::id)
                .toList();
    }

    @Test
    void walksEveryPageOfEverySortWithoutDuplicatesOrGaps() {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var expected = new ArrayList<UUID>();
        // ties on every sort key: equal prices, ratings, creation times and ranks
        for (int i = 0; i < 9; i++) {
            expected.add(catalog.product(seller.id(), phones, "Walker phone " + (i % 3))
                    .description(i % 2 == 0 ? "walker" : "plain")
                    .price(1_000L * (i % 3))
                    .rating(i % 4 == 0 ? "4.00" : "3.50", i % 2)
                    .createdAt(now.minusSeconds(i % 3))
                    .insert());
        }
        var category = phones.id().toString();
        for (var sort : List.of("newest", "price_asc", "price_desc", "rating_desc", "relevance")) {
            var query = Map.of("q", "walker", "categoryId", category, "sort", sort);
            var all = ids(search(with(query, "limit", "100")));
            var walked = walk(query, 2);
            assertThat(walked).as(sort).containsExactlyElementsOf(all);
            assertThat(walked).as(sort).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void browsesACategorySubtreePageByPageInEveryOrder() {
        var root = catalog.category("Browse root", null);
        var left = catalog.category("Browse left", root);
        var right = catalog.category("Browse right", root);
        var deep = catalog.category("Browse deep", left);
        var categories = List.of(root, left, right, deep);
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record Made(UUID id, long price, Instant createdAt) {}
        var made = new ArrayList<Made>();
        for (int i = 0; i < 13; i++) {
            long price = 1_000L * (i % 4);
            var createdAt = now.minusSeconds(i % 3);
            made.add(new Made(
                    catalog.product(seller.id(), categories.get(i % 4), "Browse item " + i)
                            .price(price)
                            .createdAt(createdAt)
                            .insert(),
                    price,
                    createdAt));
        }
        catalog.product(seller.id(), left, "Browse draft").status("DRAFT").insert();
        // PostgreSQL orders UUIDs by their bytes, as their text does (UUID.compareTo compares signed longs)
        java.util.Comparator<Made> byId = java.util.Comparator.comparing(m -> m.id().toString());
        var expected = Map.of(
                "newest",
                made.stream()
                        .sorted(java.util.Comparator.comparing(Made::createdAt)
                                .thenComparing(byId)
                                .reversed())
                        .map(Made::id)
                        .toList(),
                "price_asc",
                made.stream()
                        .sorted(java.util.Comparator.comparingLong(Made::price).thenComparing(byId))
                        .map(Made::id)
                        .toList(),
                "price_desc",
                made.stream()
                        .sorted(java.util.Comparator.comparingLong(Made::price)
                                .thenComparing(byId)
                                .reversed())
                        .map(Made::id)
                        .toList());
        expected.forEach((sort, order) -> {
            var query = Map.of("categoryId", root.id().toString(), "sort", sort);
            assertThat(ids(search(with(query, "limit", "100")))).as(sort).containsExactlyElementsOf(order);
            assertThat(walk(query, 3)).as(sort).containsExactlyElementsOf(order);
        });
    }

    @Test
    void pagesStayConsistentWhileProductsAreAdded() {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var original = new ArrayList<UUID>();
        for (int i = 0; i < 6; i++) {
            original.add(catalog.product(seller.id(), phones, "Growing gadget " + i)
                    .price(10_000L * (i + 1))
                    .createdAt(now.minusSeconds(60L * (i + 1)))
                    .insert());
        }
        var category = phones.id().toString();
        for (var sort : List.of("newest", "price_asc", "price_desc", "relevance")) {
            var query = Map.of("q", "gadget", "categoryId", category, "sort", sort);
            var seen = new ArrayList<UUID>();
            var page = search(with(query, "limit", "2"));
            seen.addAll(ids(page));
            int pages = 1;
            while (!page.get("nextCursor").isNull()) {
                // before and after the current position in every order
                catalog.product(seller.id(), phones, "Growing gadget new " + sort + pages)
                        .price(pages % 2 == 0 ? 1 : 1_000_000)
                        .createdAt(pages % 2 == 0 ? now : now.minusSeconds(100_000))
                        .insert();
                page = search(with(
                        with(query, "limit", "2"),
                        "cursor",
                        page.get("nextCursor").asString()));
                seen.addAll(ids(page));
                pages++;
                assertThat(pages).isLessThan(50);
            }
            assertThat(Set.copyOf(seen)).as(sort).hasSameSizeAs(seen);
            assertThat(seen).as(sort).containsAll(original);
        }
    }

    @Test
    void treatsSqlAndOperatorsInTheQueryAsPlainText() {
        var product =
                catalog.product(seller.id(), phones, "Robust phone drop tested").insert();
        var category = phones.id().toString();

        for (var q : List.of(
                "'; drop table products; --",
                "phone' OR '1'='1",
                "phone & !drop | (x <-> y) :* \\",
                "\"quoted\" 'single' \\\\ %_",
                "phone\u0000drop",
                "!!! ::: ***")) {
            var response = api.get("/api/v1/products?" + queryString(Map.of("q", q, "categoryId", category)))
                    .send();
            assertThat(response.status()).as(q + " -> " + response).isEqualTo(200);
        }
        assertThat(ids(search(Map.of("q", "drop; phone--", "categoryId", category))))
                .containsExactly(product);
        assertThat(ids(search(Map.of("q", "!!! ::: ***", "categoryId", category))))
                .isEmpty();
        assertThat(ids(search(Map.of("categoryId", category)))).containsExactly(product);
    }

    @Test
    void acceptsAQueryOfTwoHundredCharacters() {
        var response = api.get("/api/v1/products?"
                        + queryString(Map.of("q", "phone ".repeat(40).substring(0, 200))))
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void refusesBadParametersWithTheFieldAtFault() {
        var otherQueryCursor = cursorOf(Map.of("categoryId", phones.id().toString(), "sort", "price_asc"));
        var cases = new LinkedHashMap<String, String>();
        cases.put("minPrice=-1", "minPrice");
        cases.put("maxPrice=-500", "maxPrice");
        cases.put("minPrice=99999999999999999999999", "minPrice");
        cases.put("maxPrice=1000000000001", "maxPrice");
        cases.put("minPrice=12.50", "minPrice");
        cases.put("minPrice=cheap", "minPrice");
        cases.put("minPrice=500&maxPrice=100", "minPrice");
        cases.put("minRating=0", "minRating");
        cases.put("minRating=6", "minRating");
        cases.put("minRating=5.01", "minRating");
        cases.put("minRating=good", "minRating");
        cases.put("sort=cheapest", "sort");
        cases.put("sort=PRICE_ASC", "sort");
        cases.put("categoryId=electronics", "categoryId");
        cases.put("categoryId=" + UUID.randomUUID(), "categoryId");
        cases.put("sellerId=42", "sellerId");
        cases.put("inStock=yes", "inStock");
        cases.put("limit=0", "limit");
        cases.put("limit=10000", "limit");
        cases.put("limit=-1", "limit");
        cases.put("limit=ten", "limit");
        cases.put("cursor=garbage", "cursor");
        cases.put("cursor=eyJ9.eyJ9", "cursor");
        cases.put("cursor=" + "A".repeat(3000), "cursor");
        cases.put("cursor=" + tamper(otherQueryCursor), "cursor");
        cases.put("sort=price_desc&categoryId=" + phones.id() + "&cursor=" + otherQueryCursor, "cursor");
        cases.put("sort=price_asc&cursor=" + otherQueryCursor, "cursor");
        cases.put("q=" + "x".repeat(201), "q");
        cases.put("q=" + "long+words+".repeat(91), "q");

        cases.forEach((query, field) -> {
            var response = api.get("/api/v1/products?" + query).send();
            assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(fields(response.json())).as(query).contains(field);
        });
    }

    @Test
    void documentsEveryParameterWithItsTypeInTheOpenApiDocument() {
        var document = api.get("/v3/api-docs").send();
        assertThat(document.status()).isEqualTo(200);
        var schemas = new LinkedHashMap<String, JsonNode>();
        for (var parameter :
                document.json().get("paths").get("/api/v1/products").get("get").get("parameters")) {
            assertThat(parameter.get("in").asString()).isEqualTo("query");
            assertThat(parameter.get("required").asBoolean()).isFalse();
            schemas.put(parameter.get("name").asString(), parameter.get("schema"));
        }

        // the server reads them all as strings (refusesBadParametersWithTheFieldAtFault); clients must see their types
        assertThat(schemas)
                .containsOnlyKeys(
                        "q",
                        "categoryId",
                        "minPrice",
                        "maxPrice",
                        "minRating",
                        "sellerId",
                        "inStock",
                        "sort",
                        "limit",
                        "cursor");
        assertThat(properties(schemas.get("q")))
                .isEqualTo(Map.of("type", "string", "maxLength", Integer.toString(SearchCriteria.MAX_QUERY_LENGTH)));
        assertThat(properties(schemas.get("categoryId"))).isEqualTo(Map.of("type", "string", "format", "uuid"));
        assertThat(properties(schemas.get("sellerId"))).isEqualTo(Map.of("type", "string", "format", "uuid"));
        var price = Map.of(
                "type",
                "integer",
                "format",
                "int64",
                "minimum",
                "0",
                "maximum",
                Long.toString(SearchCriteria.MAX_PRICE));
        assertThat(properties(schemas.get("minPrice"))).isEqualTo(price);
        assertThat(properties(schemas.get("maxPrice"))).isEqualTo(price);
        assertThat(properties(schemas.get("minRating")))
                .isEqualTo(Map.of("type", "number", "minimum", "1", "maximum", "5"));
        assertThat(properties(schemas.get("inStock"))).isEqualTo(Map.of("type", "boolean", "default", "false"));
        assertThat(schemas.get("sort").get("type").asString()).isEqualTo("string");
        assertThat(StreamSupport.stream(schemas.get("sort").get("enum").spliterator(), false)
                        .map(JsonNode::asString))
                .containsExactly(Arrays.stream(SearchSort.values())
                        .map(SearchSort::value)
                        .toArray(String[]::new));
        assertThat(properties(schemas.get("limit")))
                .isEqualTo(Map.of(
                        "type",
                        "integer",
                        "format",
                        "int32",
                        "minimum",
                        "1",
                        "maximum",
                        Integer.toString(PageRequest.MAX_LIMIT),
                        "default",
                        Integer.toString(PageRequest.DEFAULT_LIMIT)));
        assertThat(properties(schemas.get("cursor"))).isEqualTo(Map.of("type", "string"));
    }

    @Test
    void acceptsACursorOnlyForTheSearchThatIssuedIt() {
        for (int i = 0; i < 3; i++) {
            catalog.product(seller.id(), phones, "Cursor phone " + i).insert();
        }
        var query = Map.of("categoryId", phones.id().toString(), "sort", "price_asc", "limit", "1");
        var cursor = search(query).get("nextCursor").asString();

        assertThat(search(with(query, "cursor", cursor)).get("items").size()).isEqualTo(1);
        // a different page size is the same search
        assertThat(search(with(with(query, "limit", "5"), "cursor", cursor))
                        .get("items")
                        .size())
                .isEqualTo(2);
        var otherFilter = with(with(query, "minPrice", "1"), "cursor", cursor);
        assertThat(api.get("/api/v1/products?" + queryString(otherFilter))
                        .send()
                        .status())
                .isEqualTo(400);
    }

    private JsonNode search(Map<String, String> query) {
        var response = api.get("/api/v1/products?" + queryString(query)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String cursorOf(Map<String, String> query) {
        catalog.product(seller.id(), phones, "Cursor source 1").insert();
        catalog.product(seller.id(), phones, "Cursor source 2").insert();
        return search(with(query, "limit", "1")).get("nextCursor").asString();
    }

    private List<UUID> walk(Map<String, String> query, int limit) {
        var ids = new ArrayList<UUID>();
        var page = search(with(query, "limit", Integer.toString(limit)));
        ids.addAll(ids(page));
        int pages = 1;
        while (!page.get("nextCursor").isNull()) {
            assertThat(page.get("items").size()).isEqualTo(limit);
            page = search(with(
                    with(query, "limit", Integer.toString(limit)),
                    "cursor",
                    page.get("nextCursor").asString()));
            ids.addAll(ids(page));
            assertThat(++pages).isLessThan(100);
        }
        return ids;
    }

    private static Map<String, String> with(Map<String, String> query, String name, String value) {
        var copy = new LinkedHashMap<>(query);
        copy.put(name, value);
        return copy;
    }

    private static String queryString(Map<String, String> query) {
        return query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String tamper(String cursor) {
        var chars = cursor.toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    private static List<UUID> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> UUID.fromString(item.get("id").asString()))
                .toList();
    }

    private static UUID firstId(JsonNode page) {
        assertThat(page.get("items").size()).as(page.toString()).isPositive();
        return ids(page).get(0);
    }

    private static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    /** A schema's keywords with their values as text. */
    private static Map<String, String> properties(JsonNode schema) {
        var properties = new LinkedHashMap<String, String>();
        schema.properties()
                .forEach(property ->
                        properties.put(property.getKey(), property.getValue().asString()));
        return properties;
    }

    private static List<String> fields(JsonNode problem) {
        return StreamSupport.stream(problem.get("errors").spliterator(), false)
                .map(error -> error.get("field").asString())
                .toList();
    }
}
