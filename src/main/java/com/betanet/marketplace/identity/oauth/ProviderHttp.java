package com.betanet.marketplace.identity.oauth;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls to the providers' APIs, bounded in time and size. What went wrong is classified once, here: an answer the
 * provider gave (2xx or 4xx) goes back to the verifier; no answer (timeout, refused connection), a 5xx, a 429 or a
 * 2xx that is not JSON is the provider's outage, 503 {@code oauth_provider_unavailable}.
 */
final class ProviderHttp {

    private static final Logger log = LoggerFactory.getLogger(ProviderHttp.class);
    // Generous for the small JSON documents these endpoints return; anything larger is not an answer we want.
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private final RestClient client;
    private final JsonMapper json;

    ProviderHttp(Duration timeout, JsonMapper json) {
        var connectTimeout = timeout.compareTo(Duration.ofSeconds(3)) < 0 ? timeout : Duration.ofSeconds(3);
        var http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        this.client = RestClient.builder().requestFactory(factory).build();
        this.json = json;
    }

    /** A provider's answer: its status and its body as JSON (an empty object when a 4xx had no JSON body). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** GETs {@code uri}, with the user's token as a bearer token when given. */
    Answer get(OAuthProvider provider, URI uri, @Nullable String bearerToken) {
        Answer answer;
        try {
            answer = client.get()
                    .uri(uri)
                    .accept(MediaType.APPLICATION_JSON)
                    .headers(headers -> {
                        if (bearerToken != null) {
                            headers.setBearerAuth(bearerToken);
                        }
                    })
                    .exchange((request, response) -> new Answer(
                            response.getStatusCode().value(),
                            read(provider, response.getStatusCode().value(), response.getBody())));
        } catch (ResourceAccessException unreachable) {
            // Not the exception's own message: it quotes the URL, whose query holds tokens and the app secret.
            log.warn(
                    "{} did not answer: {}",
                    provider.id(),
                    NestedExceptionUtils.getMostSpecificCause(unreachable).toString());
            throw OAuthErrors.providerUnavailable(provider);
        }
        if (answer.status() == 429 || answer.status() >= 500) {
            log.warn("{} answered {} while verifying a token", provider.id(), answer.status());
            throw OAuthErrors.providerUnavailable(provider);
        }
        return answer;
    }

    private JsonNode read(OAuthProvider provider, int status, InputStream body) throws IOException {
        var bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        try {
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("answer larger than " + MAX_BODY_BYTES + " bytes");
            }
            return json.readTree(bytes);
        } catch (JacksonException | IOException garbage) {
            if (status >= 200 && status < 300) {
                log.warn("{} answered {} with a body that is not JSON", provider.id(), status);
                throw OAuthErrors.providerUnavailable(provider);
            }
            return json.createObjectNode(); // a refusal; its body does not matter
        }
    }

    /** {@code base} + {@code pathAndQuery}, a URI template whose variables are encoded strictly. */
    static URI uri(String base, String pathAndQuery, Object... variables) {
        var trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return UriComponentsBuilder.fromUriString(trimmed + pathAndQuery)
                .encode()
                .buildAndExpand(variables)
                .toUri();
    }

    /** A non-blank JSON string, or null. */
    static @Nullable String text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }

    /** An id sent as a string or, as some of Facebook's documented samples show, as a JSON integer. */
    static @Nullable String id(JsonNode node) {
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : text(node);
    }
}
