package com.betanet.marketplace.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for black-box tests: real requests to the running server, raw bodies allowed (for malformed
 * JSON), JSON answers as trees. Each instance speaks from its own made-up client IP (through {@code X-Forwarded-For},
 * which the server trusts from loopback), so per-IP rate limits of one test do not leak into another.
 */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String baseUrl;
    private final String clientIp;

    public Api(int port) {
        this("http://localhost:" + port, randomIp());
    }

    private Api(String baseUrl, String clientIp) {
        this.baseUrl = baseUrl;
        this.clientIp = clientIp;
    }

    /** The same server seen from another client IP. */
    public Api fromAnotherIp() {
        return new Api(baseUrl, randomIp());
    }

    public String clientIp() {
        return clientIp;
    }

    public Request get(String path) {
        return new Request("GET", path);
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request put(String path) {
        return new Request("PUT", path);
    }

    public Request patch(String path) {
        return new Request("PATCH", path);
    }

    public Request delete(String path) {
        return new Request("DELETE", path);
    }

    public Request head(String path) {
        return new Request("HEAD", path);
    }

    public Request options(String path) {
        return new Request("OPTIONS", path);
    }

    private static String randomIp() {
        var random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("X-Forwarded-For", clientIp);
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request bearer(String accessToken) {
            return header("Authorization", "Bearer " + accessToken);
        }

        /** A JSON body: a string is sent as it is (so it may be malformed), anything else is serialised. */
        public Request json(Object value) {
            headers.put("Content-Type", "application/json");
            body = value instanceof String raw ? raw.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
            return this;
        }

        public Request body(String contentType, byte[] content) {
            headers.put("Content-Type", contentType);
            body = content;
            return this;
        }

        /** A {@code multipart/form-data} body with one file part and optional text parts. */
        public Request multipart(String part, String filename, String contentType, byte[] content) {
            return multipart(part, filename, contentType, content, Map.of());
        }

        public Request multipart(
                String part, String filename, String contentType, byte[] content, Map<String, String> fields) {
            var boundary = "----betanet" + UUID.randomUUID();
            var out = new ByteArrayOutputStream();
            try {
                for (var field : fields.entrySet()) {
                    out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                                    + "\"\r\n\r\n" + field.getValue() + "\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                                + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return body("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }

        public Response send() {
            var builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(builder::header);
            try {
                return new Response(CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(HttpResponse<byte[]> raw) {

        public int status() {
            return raw.statusCode();
        }

        public byte[] bytes() {
            return raw.body();
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        /** The problem {@code code} of an error response. */
        public @Nullable String code() {
            var node = json().get("code");
            return node == null ? null : node.asString();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public List<String> headers(String name) {
            return raw.headers().allValues(name);
        }

        @Override
        public String toString() {
            return raw.request().method() + " " + raw.request().uri() + " -> " + status() + " " + text();
        }
    }
}
