package com.betanet.marketplace.catalog;

import static com.betanet.marketplace.catalog.CategoryTests.assertForbidden;
import static com.betanet.marketplace.catalog.ProductTests.assertNotFound;
import static com.betanet.marketplace.support.CatalogApiFixtures.id;
import static com.betanet.marketplace.support.CatalogApiFixtures.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.media.TestImages;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class ProductImageTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${marketplace.media.dir}")
    Path mediaDir;

    Api api;
    Accounts.Session seller;
    UUID productId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        seller = Accounts.seller(api);
        productId = id(product(api, seller, categoryId));
    }

    @Test
    void addsImagesInOrderAndServesThemWithTheProduct() {
        var first = upload(TestImages.jpeg(800, 600), "image/jpeg");
        var second = upload(TestImages.png(300, 300, true), "image/png");
        var third = upload(TestImages.WEBP_LOSSY, "image/webp");

        assertThat(List.of(position(first), position(second), position(third))).containsExactly(0, 1, 2);
        assertThat(first.get("url").asString()).startsWith("/media/products/");
        assertThat(first.get("thumbnailUrl").asString()).startsWith("/media/products/");
        assertThat(fieldNames(first)).containsExactlyInAnyOrder("id", "url", "thumbnailUrl", "position");
        for (var image : List.of(first, second, third)) {
            var file = api.get(image.get("url").asString()).send();
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.header("Content-Type").orElseThrow()).startsWith("image/");
            assertThat(api.get(image.get("thumbnailUrl").asString()).send().status())
                    .isEqualTo(200);
        }
        var thumbnail = TestImages.decode(
                api.get(first.get("thumbnailUrl").asString()).send().bytes());
        assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isLessThanOrEqualTo(512);

        var product = api.get("/api/v1/products/" + productId).send().json();
        assertThat(ids(product.get("images"))).containsExactly(id(first), id(second), id(third));
        assertThat(product.get("images").get(0)).isEqualTo(first);
        assertThat(product.get("images").get(2)).isEqualTo(third);
    }

    @Test
    void refusesAnEleventhImage() throws IOException {
        for (int i = 0; i < 10; i++) {
            upload(TestImages.png(40 + i, 40, false), "image/png");
        }
        var filesBefore = mediaFiles();

        var eleventh = api.post(imagesPath())
                .bearer(seller.accessToken())
                .multipart("file", "eleven.png", "image/png", TestImages.png(64, 64, false))
                .send();

        assertThat(eleventh.status()).as(eleventh.toString()).isEqualTo(409);
        assertThat(eleventh.code()).isEqualTo("too_many_images");
        assertThat(imageCount()).isEqualTo(10);
        assertThat(mediaFiles()).isEqualTo(filesBefore);
    }

    @Test
    void keepsTheLimitUnderConcurrentUploads() throws Exception {
        for (int i = 0; i < 7; i++) {
            upload(TestImages.png(30 + i, 30, false), "image/png");
        }
        int attempts = 6;
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(attempts);
        try {
            var answers = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < attempts; i++) {
                var image = TestImages.png(50 + i, 50, false);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post(imagesPath())
                            .bearer(seller.accessToken())
                            .multipart("file", "race.png", "image/png", image)
                            .send();
                }));
            }
            start.countDown();
            var statuses = new ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(3);
            assertThat(statuses.stream().filter(status -> status == 409)).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(imageCount()).isEqualTo(10);
        assertThat(positions())
                .containsExactlyElementsOf(IntStream.range(0, 10).boxed().toList());
        // the refused uploads left no files behind
        var stored = jdbc.sql("select image_key, thumbnail_key from product_images where product_id = ?")
                .param(productId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .list();
        var productFiles = mediaFiles().stream()
                .filter(path -> stored.stream().flatMap(List::stream).anyMatch(key -> path.endsWith(key)))
                .count();
        assertThat(productFiles).isEqualTo(20);
    }

    @Test
    void refusesWhatIsNotAnImageAndStoresNothing() throws IOException {
        var filesBefore = mediaFiles();
        var cases = new Object[][] {
            {"shell.png", "image/png", TestImages.PHP},
            {"vector.svg", "image/svg+xml", TestImages.SVG},
            {"broken.png", "image/png", TestImages.truncatedPng()},
            {"notes.txt", "text/plain", "just text".getBytes()},
        };
        for (var upload : cases) {
            var response = api.post(imagesPath())
                    .bearer(seller.accessToken())
                    .multipart("file", (String) upload[0], (String) upload[1], (byte[]) upload[2])
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(415);
            assertThat(response.code()).isEqualTo("unsupported_media_type");
        }
        var missingPart = api.post(imagesPath())
                .bearer(seller.accessToken())
                .multipart("picture", "a.png", "image/png", TestImages.png(10, 10, false))
                .send();
        assertThat(missingPart.status()).isEqualTo(400);
        assertThat(imageCount()).isZero();
        assertThat(mediaFiles()).isEqualTo(filesBefore);
    }

    @Test
    void deletingAnImageRemovesItsFilesAndClosesTheGap() throws IOException {
        var first = upload(TestImages.png(20, 20, false), "image/png");
        var second = upload(TestImages.jpeg(30, 30), "image/jpeg");
        var third = upload(TestImages.png(40, 40, false), "image/png");
        var keys = jdbc.sql("select image_key, thumbnail_key from product_images where id = ?")
                .param(id(second))
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
        assertThat(mediaDir.resolve(keys.get(0))).exists();
        assertThat(mediaDir.resolve(keys.get(1))).exists();

        var deleted = api.delete(imagesPath() + "/" + id(second))
                .bearer(seller.accessToken())
                .send();

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(mediaDir.resolve(keys.get(0))).doesNotExist();
        assertThat(mediaDir.resolve(keys.get(1))).doesNotExist();
        var gone = api.get(second.get("url").asString()).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("not_found");
        assertThat(api.get(second.get("thumbnailUrl").asString()).send().status())
                .isEqualTo(404);
        assertThat(api.get(first.get("url").asString()).send().status()).isEqualTo(200);

        var images = api.get("/api/v1/products/" + productId).send().json().get("images");
        assertThat(ids(images)).containsExactly(id(first), id(third));
        assertThat(images.get(0).get("position").asInt()).isZero();
        assertThat(images.get(1).get("position").asInt()).isEqualTo(1);

        var fourth = upload(TestImages.png(50, 50, false), "image/png");
        assertThat(position(fourth)).isEqualTo(2);
        assertNotFound(api.delete(imagesPath() + "/" + id(second))
                .bearer(seller.accessToken())
                .send());
        assertNotFound(api.delete(imagesPath() + "/" + UUID.randomUUID())
                .bearer(seller.accessToken())
                .send());
    }

    @Test
    void onlyTheProductsSellerChangesItsImages() {
        var image = upload(TestImages.png(20, 20, false), "image/png");
        var intruder = Accounts.seller(api);
        var buyer = Accounts.buyer(api);

        assertNotFound(api.post(imagesPath())
                .bearer(intruder.accessToken())
                .multipart("file", "a.png", "image/png", TestImages.png(10, 10, false))
                .send());
        assertNotFound(api.delete(imagesPath() + "/" + id(image))
                .bearer(intruder.accessToken())
                .send());
        assertForbidden(api.post(imagesPath())
                .bearer(buyer.accessToken())
                .multipart("file", "a.png", "image/png", TestImages.png(10, 10, false))
                .send());
        assertForbidden(api.delete(imagesPath() + "/" + id(image))
                .bearer(buyer.accessToken())
                .send());
        var anonymous = api.post(imagesPath())
                .multipart("file", "a.png", "image/png", TestImages.png(10, 10, false))
                .send();
        assertThat(anonymous.status()).isEqualTo(401);
        // an image of another product is not found through this one
        var otherProduct = id(product(
                api,
                seller,
                UUID.fromString(api.get("/api/v1/products/" + productId)
                        .send()
                        .json()
                        .get("category")
                        .get("id")
                        .asString())));
        assertNotFound(api.delete("/api/v1/products/" + otherProduct + "/images/" + id(image))
                .bearer(seller.accessToken())
                .send());

        assertThat(imageCount()).isEqualTo(1);
        assertThat(api.get(image.get("url").asString()).send().status()).isEqualTo(200);
    }

    private JsonNode upload(byte[] content, String contentType) {
        var response = api.post(imagesPath())
                .bearer(seller.accessToken())
                .multipart("file", "picture", contentType, content)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private String imagesPath() {
        return "/api/v1/products/" + productId + "/images";
    }

    private int imageCount() {
        return jdbc.sql("select count(*) from product_images where product_id = ?")
                .param(productId)
                .query(Integer.class)
                .single();
    }

    private List<Integer> positions() {
        return jdbc.sql("select position from product_images where product_id = ? order by position")
                .param(productId)
                .query(Integer.class)
                .list();
    }

    private Set<Path> mediaFiles() throws IOException {
        if (!Files.exists(mediaDir)) {
            return Set.of();
        }
        try (var files = Files.walk(mediaDir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }

    private static int position(JsonNode image) {
        return image.get("position").asInt();
    }

    private static List<UUID> ids(JsonNode nodes) {
        var ids = new ArrayList<UUID>();
        nodes.forEach(node -> ids.add(id(node)));
        return ids;
    }

    private static List<String> fieldNames(JsonNode node) {
        return List.copyOf(node.propertyNames());
    }
}
