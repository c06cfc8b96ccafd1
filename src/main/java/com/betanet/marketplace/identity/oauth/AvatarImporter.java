package com.betanet.marketplace.identity.oauth;

import com.betanet.marketplace.media.ImagePurpose;
import com.betanet.marketplace.media.ImageRejectedException;
import com.betanet.marketplace.media.MediaService;
import com.betanet.marketplace.media.ProcessedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a provider's profile picture for a new account, server-side: http(s) only, at most {@link
 * MediaService#MAX_IMAGE_BYTES}, within one overall deadline (a slow trickle is cut off, not waited for), then checked
 * and re-encoded by the media module like any upload. The URLs come from the providers' verified answers (the signed
 * ID token, Graph, the X API), never from the client. A picture that cannot be had is logged and skipped: it never
 * fails a sign-in.
 */
final class AvatarImporter {

    private static final Logger log = LoggerFactory.getLogger(AvatarImporter.class);

    private final MediaService media;
    private final HttpClient client;
    private final Duration deadline;

    AvatarImporter(MediaService media, Duration deadline) {
        this.media = media;
        this.deadline = deadline;
        this.client = HttpClient.newBuilder()
                .connectTimeout(deadline)
                // CDNs redirect now and then; NORMAL never follows https to http.
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The picture checked and re-encoded, or null when there is none or it cannot be had. */
    @Nullable
    ProcessedImage fetch(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            var uri = URI.create(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                log.info("Profile picture not imported: not an http(s) URL");
                return null;
            }
            var bytes = download(uri);
            return bytes == null ? null : media.processImage(new ByteArrayInputStream(bytes), ImagePurpose.AVATAR);
        } catch (ImageRejectedException rejected) {
            log.info("Profile picture not imported: {}", rejected.getMessage());
        } catch (IOException | UncheckedIOException | IllegalArgumentException failed) {
            log.info("Profile picture not imported: {}", failed.toString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private byte @Nullable [] download(URI uri) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(uri)
                .timeout(deadline)
                .header("Accept", "image/jpeg, image/png, image/webp")
                .GET()
                .build();
        long started = System.nanoTime();
        var response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                log.info("Profile picture not imported: the provider answered {}", response.statusCode());
                return null;
            }
            long declared =
                    response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > MediaService.MAX_IMAGE_BYTES) {
                log.info("Profile picture not imported: {} bytes is too large", declared);
                return null;
            }
            // The request timeout covers the headers only; closing the stream at the deadline ends a slow body.
            long remainingNanos = Math.max(0, deadline.toNanos() - (System.nanoTime() - started));
            var cutOff = CompletableFuture.runAsync(
                    () -> closeQuietly(body), CompletableFuture.delayedExecutor(remainingNanos, TimeUnit.NANOSECONDS));
            try {
                var bytes = body.readNBytes((int) MediaService.MAX_IMAGE_BYTES + 1);
                if (bytes.length > MediaService.MAX_IMAGE_BYTES) {
                    log.info("Profile picture not imported: larger than {} bytes", MediaService.MAX_IMAGE_BYTES);
                    return null;
                }
                return bytes;
            } finally {
                cutOff.cancel(false);
            }
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the download is being abandoned anyway
        }
    }
}
