package com.betanet.marketplace.media.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 adapter against a real S3-compatible server: Adobe's S3Mock, started from the jar the build copies to {@code
 * target/s3mock/} as a process of its own (inside this JVM it would pick up the application's auto-configuration).
 */
class S3MediaStorageTests extends MediaStorageContract {

    private static final String BUCKET = "marketplace-media";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static Process s3mock;
    private static S3Client client;
    private static S3MediaStorage storage;

    @BeforeAll
    static void startS3Mock() throws Exception {
        var jar = Path.of("target/s3mock/s3mock.jar");
        assertThat(jar)
                .as("copied by the maven-dependency-plugin in process-test-resources")
                .exists();
        int httpPort = freePort();
        int httpsPort = freePort();
        var java = ProcessHandle.current().info().command().orElse("java");
        s3mock = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-jar",
                        jar.toString(),
                        "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                        "--server.port=" + httpsPort,
                        "--com.adobe.testing.s3mock.store.root=" + work.resolve("store"),
                        "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("s3mock.log").toFile())
                .start();
        var endpoint = "http://localhost:" + httpPort;
        awaitReady(endpoint);
        client = S3MediaStorage.client(
                "us-east-1", endpoint, StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        client.createBucket(request -> request.bucket(BUCKET));
        storage = new S3MediaStorage(client, BUCKET);
    }

    @AfterAll
    static void stopS3Mock() throws InterruptedException {
        if (storage != null) {
            storage.close();
        }
        if (s3mock != null) {
            s3mock.destroy();
            if (!s3mock.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                s3mock.destroyForcibly();
            }
        }
    }

    @Override
    MediaStorage storage() {
        return storage;
    }

    @Test
    void storesObjectsWithTheirTypeAndLongCacheLifetime() {
        var key = "avatars/" + UUID.randomUUID().toString().replace("-", "") + ".jpg";

        storage.put(key, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}, "image/jpeg");

        var head = client.headObject(request -> request.bucket(BUCKET).key(key));
        assertThat(head.contentType()).isEqualTo("image/jpeg");
        assertThat(head.cacheControl()).isEqualTo(MediaStorage.CACHE_CONTROL);
        assertThat(head.contentLength()).isEqualTo(3);
    }

    private static void awaitReady(String endpoint) throws Exception {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        var deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!s3mock.isAlive()) {
                throw new IllegalStateException("S3Mock exited: " + Files.readString(work.resolve("s3mock.log")));
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(endpoint + "/"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("S3Mock did not start within " + STARTUP);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
