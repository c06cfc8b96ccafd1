package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.domain.UserRepository;
import com.betanet.marketplace.media.TestImages;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AvatarUploadTests {

    private static final String AVATAR = "/api/v1/users/me/avatar";

    @LocalServerPort
    int port;

    @Autowired
    UserRepository users;

    @Value("${marketplace.media.dir}")
    Path mediaDir;

    Api api;
    Accounts.Session session;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        session = Accounts.buyer(api);
    }

    @Test
    void storesAJpegWithoutItsGpsExifAndServesItWithItsThumbnail() {
        var upload = TestImages.jpegWithGpsExif(1600, 1200, 1);
        assertThat(TestImages.hasGps(upload)).as("fixture").isTrue();

        var avatar = upload("me.jpg", "image/jpeg", upload);

        var avatarUrl = avatar.get("avatarUrl").asString();
        var thumbnailUrl = avatar.get("thumbnailUrl").asString();
        assertThat(avatarUrl).startsWith("/media/avatars/").endsWith(".jpg");
        assertThat(thumbnailUrl).startsWith("/media/avatars/").isNotEqualTo(avatarUrl);
        var user = users.findById(session.id()).orElseThrow();
        assertThat("/media/" + user.avatarKey()).isEqualTo(avatarUrl);
        assertThat("/media/" + user.avatarThumbnailKey()).isEqualTo(thumbnailUrl);
        assertThat(mediaDir.resolve(user.avatarKey())).exists();

        var image = api.get(avatarUrl).send();
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).contains("image/jpeg");
        assertThat(image.header("Content-Length")).contains(String.valueOf(image.bytes().length));
        assertThat(TestImages.hasExif(image.bytes())).isFalse();
        assertThat(TestImages.hasGps(image.bytes())).isFalse();
        assertThat(new String(image.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.CAMERA_MAKE);
        var decoded = TestImages.decode(image.bytes());
        assertThat(Math.max(decoded.getWidth(), decoded.getHeight())).isEqualTo(1024);

        var thumbnail = api.get(thumbnailUrl).send();
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.header("Content-Type")).contains("image/jpeg");
        assertThat(TestImages.hasExif(thumbnail.bytes())).isFalse();
        var small = TestImages.decode(thumbnail.bytes());
        assertThat(small.getWidth()).isLessThanOrEqualTo(256);
        assertThat(small.getHeight()).isLessThanOrEqualTo(256);
    }

    @Test
    void servesStoredImagesWithLongCacheHeadersAndRevalidation() {
        var avatarUrl = upload("me.png", "image/png", TestImages.png(300, 300, true))
                .get("avatarUrl")
                .asString();

        var image = api.get(avatarUrl).send();

        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).contains("image/png");
        assertThat(image.header("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(image.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(image.header("Pragma")).isEmpty();
        var etag = image.header("ETag").orElseThrow();

        var revalidated = api.get(avatarUrl).header("If-None-Match", etag).send();
        assertThat(revalidated.status()).isEqualTo(304);
        assertThat(revalidated.bytes()).isEmpty();
        assertThat(revalidated.header("ETag")).contains(etag);
        assertThat(revalidated.header("Cache-Control")).contains("public, max-age=31536000, immutable");
    }

    @Test
    void signInShowsTheAvatarUrl() {
        var avatarUrl = upload("me.png", "image/png", TestImages.png(64, 64, false))
                .get("avatarUrl")
                .asString();

        var login = Accounts.login(api, session.email(), null);

        assertThat(login.body().get("user").get("avatarUrl").asString()).isEqualTo(avatarUrl);
    }

    @Test
    void acceptsWebpAndStoresItAsJpeg() {
        var avatar = upload("me.webp", "image/webp", TestImages.WEBP_LOSSY);

        var image = api.get(avatar.get("avatarUrl").asString()).send();

        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).contains("image/jpeg");
    }

    @Test
    void replacingTheAvatarDeletesTheOldFiles() {
        var first = upload("one.jpg", "image/jpeg", TestImages.jpeg(200, 200));
        var firstKeys = keysOf(session);

        var second = upload("two.png", "image/png", TestImages.png(200, 200, false));

        assertThat(second.get("avatarUrl").asString())
                .isNotEqualTo(first.get("avatarUrl").asString());
        for (var key : firstKeys) {
            assertThat(mediaDir.resolve(key)).doesNotExist();
        }
        assertThat(api.get(first.get("avatarUrl").asString()).send().status()).isEqualTo(404);
        assertThat(api.get(first.get("thumbnailUrl").asString()).send().status())
                .isEqualTo(404);
        for (var key : keysOf(session)) {
            assertThat(mediaDir.resolve(key)).exists();
        }
        assertThat(api.get(second.get("avatarUrl").asString()).send().status()).isEqualTo(200);
    }

    @Test
    void concurrentUploadsLeaveExactlyOnePictureBehind() throws Exception {
        var uploads = new ArrayList<Future<Api.Response>>();
        var pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            uploads.add(pool.submit(() -> api.put(AVATAR)
                    .bearer(session.accessToken())
                    .multipart("file", "me.jpg", "image/jpeg", TestImages.jpeg(300, 300))
                    .send()));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        var user = users.findById(session.id()).orElseThrow();
        for (var upload : uploads) {
            var response = upload.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            var key = response.json().get("avatarUrl").asString().substring("/media/".length());
            var thumbnailKey = response.json().get("thumbnailUrl").asString().substring("/media/".length());
            boolean current = key.equals(user.avatarKey());
            assertThat(Files.exists(mediaDir.resolve(key))).as(key).isEqualTo(current);
            assertThat(Files.exists(mediaDir.resolve(thumbnailKey)))
                    .as(thumbnailKey)
                    .isEqualTo(current);
        }
        assertThat(mediaDir.resolve(user.avatarKey())).exists();
    }

    @Test
    void deletingTheAvatarRemovesItsFiles() {
        var avatar = upload("me.jpg", "image/jpeg", TestImages.jpeg(200, 200));
        var keys = keysOf(session);

        var deleted = api.delete(AVATAR).bearer(session.accessToken()).send();

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        var user = users.findById(session.id()).orElseThrow();
        assertThat(user.avatarKey()).isNull();
        assertThat(user.avatarThumbnailKey()).isNull();
        for (var key : keys) {
            assertThat(mediaDir.resolve(key)).doesNotExist();
        }
        var gone = api.get(avatar.get("avatarUrl").asString()).send();
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("not_found");
        assertThat(Accounts.login(api, session.email(), null)
                        .body()
                        .get("user")
                        .get("avatarUrl")
                        .isNull())
                .isTrue();

        var again = api.delete(AVATAR).bearer(session.accessToken()).send();
        assertThat(again.status()).isEqualTo(204);
    }

    @Test
    void refusesAPhpScriptNamedLikeAPng() throws IOException {
        assertRefused("avatar.png", "image/png", TestImages.PHP, 415, "unsupported_media_type");
    }

    @Test
    void refusesAnSvg() throws IOException {
        assertRefused("avatar.svg", "image/svg+xml", TestImages.SVG, 415, "unsupported_media_type");
    }

    @Test
    void refusesATruncatedPng() throws IOException {
        assertRefused("avatar.png", "image/png", TestImages.truncatedPng(), 415, "unsupported_media_type");
    }

    @Test
    void refusesAnUploadOverFiveMebibytes() throws IOException {
        // Over the whole-request limit (refused from Content-Length), and over the file limit only.
        var sixMebibytes = TestImages.noisePng(1480, 1480);
        var fiveAndAHalf = TestImages.noisePng(1400, 1400);
        assertThat(sixMebibytes.length).as("fixture size").isGreaterThan(6 * 1024 * 1024);
        assertThat(fiveAndAHalf.length).as("fixture size").isBetween(5 * 1024 * 1024 + 1, 6 * 1024 * 1024 - 1024);

        assertRefused("big.png", "image/png", sixMebibytes, 413, "payload_too_large");
        assertRefused("big.png", "image/png", fiveAndAHalf, 413, "payload_too_large");
    }

    @Test
    void refusesAPixelBombFromItsHeaderQuickly() throws IOException {
        var bomb = TestImages.pixelBombPng(50_000, 50_000);
        assertThat(bomb.length).as("fixture size").isLessThan(30_000);

        long started = System.nanoTime();
        assertRefused("bomb.png", "image/png", bomb, 413, "payload_too_large");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void requiresTheFilePartAndASignedInUser() {
        var noPart = api.put(AVATAR)
                .bearer(session.accessToken())
                .multipart("picture", "me.png", "image/png", TestImages.png(10, 10, false))
                .send();
        assertThat(noPart.status()).as(noPart.toString()).isEqualTo(400);
        assertThat(noPart.code()).isEqualTo("validation_failed");

        var json = api.put(AVATAR).bearer(session.accessToken()).json("{}").send();
        assertThat(json.status()).as(json.toString()).isEqualTo(415);
        assertThat(json.code()).isEqualTo("unsupported_media_type");

        var anonymous = api.put(AVATAR)
                .multipart("file", "me.png", "image/png", TestImages.png(10, 10, false))
                .send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.delete(AVATAR).send().status()).isEqualTo(401);
    }

    @Test
    void documentsTheEndpointsInTheOpenApiDocument() {
        var document = api.get("/v3/api-docs").send();

        assertThat(document.status()).isEqualTo(200);
        var put = document.json().get("paths").get(AVATAR).get("put");
        assertThat(put.get("requestBody").get("content").has("multipart/form-data"))
                .isTrue();
        assertThat(put.get("responses").has("413")).isTrue();
        assertThat(put.get("responses").has("415")).isTrue();
        assertThat(put.get("security")).isNotNull();
        assertThat(document.json().get("paths").get(AVATAR).has("delete")).isTrue();
    }

    private JsonNode upload(String filename, String contentType, byte[] content) {
        var response = api.put(AVATAR)
                .bearer(session.accessToken())
                .multipart("file", filename, contentType, content)
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Refused with the status and code, and nothing changed: the user's avatar and the files on disk. */
    private void assertRefused(String filename, String contentType, byte[] content, int status, String code)
            throws IOException {
        upload("before.jpg", "image/jpeg", TestImages.jpeg(120, 120));
        var before = users.findById(session.id()).orElseThrow();
        var filesBefore = mediaFiles();

        var response = api.put(AVATAR)
                .bearer(session.accessToken())
                .multipart("file", filename, contentType, content)
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.code()).isEqualTo(code);
        var after = users.findById(session.id()).orElseThrow();
        assertThat(after.avatarKey()).isEqualTo(before.avatarKey());
        assertThat(after.avatarThumbnailKey()).isEqualTo(before.avatarThumbnailKey());
        assertThat(mediaFiles()).isEqualTo(filesBefore);
    }

    private Set<String> keysOf(Accounts.Session account) {
        var user = users.findById(account.id()).orElseThrow();
        return Set.of(user.avatarKey(), user.avatarThumbnailKey());
    }

    private Set<Path> mediaFiles() throws IOException {
        if (!Files.exists(mediaDir)) {
            return Set.of();
        }
        try (var files = Files.walk(mediaDir)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toSet());
        }
    }
}
