package com.betanet.marketplace.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The media module through its API and {@code GET /media/**}, against the running application's storage. */
@IntegrationTest
class MediaServiceTests {

    @LocalServerPort
    int port;

    @Autowired
    MediaService media;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Value("${marketplace.media.dir}")
    Path mediaDir;

    Api api;
    TransactionTemplate transactions;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        transactions = new TransactionTemplate(transactionManager);
    }

    @Test
    void storesAProductImageUnderItsPurposeAndServesIt() {
        var stored = media.storeImage(new ByteArrayInputStream(TestImages.jpeg(3000, 2000)), ImagePurpose.PRODUCT);

        assertThat(stored.key()).startsWith("products/").endsWith(".jpg");
        assertThat(stored.thumbnailKey()).startsWith("products/").endsWith("-thumb.jpg");
        assertThat(stored.width()).isEqualTo(2048);
        assertThat(stored.height()).isEqualTo(1365);
        assertThat(stored.contentType()).isEqualTo("image/jpeg");
        assertThat(mediaDir.resolve(stored.key())).hasSize(stored.sizeBytes());
        assertThat(media.url(stored.key())).isEqualTo("/media/" + stored.key());

        var response = api.get(media.url(stored.key())).send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bytes()).hasSize((int) stored.sizeBytes());
        var thumbnail = TestImages.decode(
                api.get(media.url(stored.thumbnailKey())).send().bytes());
        assertThat(thumbnail.getWidth()).isEqualTo(ImagePurpose.PRODUCT.thumbnailEdge());
    }

    @Test
    void removesFilesStoredInATransactionThatRollsBack() {
        var stored = transactions.execute(status -> {
            var image = media.storeImage(new ByteArrayInputStream(TestImages.jpeg(100, 100)), ImagePurpose.AVATAR);
            assertThat(mediaDir.resolve(image.key())).exists();
            status.setRollbackOnly();
            return image;
        });

        assertThat(mediaDir.resolve(stored.key())).doesNotExist();
        assertThat(mediaDir.resolve(stored.thumbnailKey())).doesNotExist();
    }

    @Test
    void deletesOnlyOnceTheTransactionCommits() {
        var stored = media.storeImage(new ByteArrayInputStream(TestImages.jpeg(100, 100)), ImagePurpose.AVATAR);

        transactions.executeWithoutResult(status -> {
            media.delete(stored.key(), stored.thumbnailKey());
            status.setRollbackOnly();
        });
        assertThat(mediaDir.resolve(stored.key())).exists();
        assertThat(mediaDir.resolve(stored.thumbnailKey())).exists();

        transactions.executeWithoutResult(status -> {
            media.delete(stored.key(), stored.thumbnailKey());
            assertThat(mediaDir.resolve(stored.key()))
                    .as("still there before commit")
                    .exists();
        });
        assertThat(mediaDir.resolve(stored.key())).doesNotExist();
        assertThat(mediaDir.resolve(stored.thumbnailKey())).doesNotExist();
    }

    @Test
    void deletesAtOnceOutsideATransaction() {
        var stored = media.storeImage(new ByteArrayInputStream(TestImages.png(50, 50, false)), ImagePurpose.CHAT);

        media.delete(null, stored.key());

        assertThat(mediaDir.resolve(stored.key())).doesNotExist();
        assertThat(mediaDir.resolve(stored.thumbnailKey())).exists();
    }

    @Test
    void answersNotFoundForUnknownOrMalformedKeys() {
        for (var path : new String[] {
            "/media/avatars/00/00000000000000000000000000000000.jpg",
            "/media/Avatars/X.JPG",
            "/media/",
            "/media/avatars/.hidden",
        }) {
            var response = api.get(path).send();
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.code()).as(path).isEqualTo("not_found");
        }
        var escaping = api.get("/media/..%2f..%2fpom.xml").send();
        assertThat(escaping.status()).isIn(400, 404);
    }

    @Test
    void revalidatesWithWeakOrListedEntityTagsAndAnswersHeadRequests() throws Exception {
        var stored = media.storeImage(new ByteArrayInputStream(TestImages.png(20, 20, false)), ImagePurpose.AVATAR);
        var url = media.url(stored.key());
        var etag = api.get(url).send().header("ETag").orElseThrow();

        assertThat(api.get(url).header("If-None-Match", "W/" + etag).send().status())
                .isEqualTo(304);
        assertThat(api.get(url)
                        .header("If-None-Match", "\"other\", " + etag)
                        .send()
                        .status())
                .isEqualTo(304);
        assertThat(api.get(url).header("If-None-Match", "\"other\"").send().status())
                .isEqualTo(200);

        var head = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
                                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).contains(String.valueOf(stored.sizeBytes()));
        assertThat(head.body()).isEmpty();

        media.delete(stored.key());
        assertThat(api.get(url).header("If-None-Match", etag).send().status()).isEqualTo(404);
    }
}
