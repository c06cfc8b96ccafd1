package com.betanet.marketplace.media.web;

import com.betanet.marketplace.media.storage.MediaKeys;
import com.betanet.marketplace.media.storage.MediaStorage;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Streams stored objects from whichever storage is active. Keys are never reused, so every answer is cacheable for a
 * year and the key alone is a valid entity tag: a revalidation costs one existence check, never a read.
 */
@RestController
@Tag(name = "Media", description = "Stored images (avatars, product images, chat media)")
class MediaController {

    // A stored object is only ever displayed as an image; should anything else land in storage, it runs nothing.
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private final MediaStorage storage;

    MediaController(MediaStorage storage) {
        this.storage = storage;
    }

    @GetMapping("/media/{*key}")
    @Operation(
            summary = "Download a stored object (URLs come from the API: avatarUrl, thumbnailUrl, ...)",
            description = "Cacheable for a year (keys are never reused); answers If-None-Match with 304.")
    @ApiResponse(
            responseCode = "200",
            description = "The object",
            content = {
                @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary"))
            })
    @ProblemCodes({"404 not_found"})
    void serve(
            @Parameter(description = "The object's key, slashes included (e.g. avatars/3f/3f2a…c7.jpg)") @PathVariable
                    String key,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        var objectKey = key.startsWith("/") ? key.substring(1) : key;
        if (!MediaKeys.isValid(objectKey)) {
            throw notFound();
        }
        var etag = "\"" + DigestUtils.md5DigestAsHex(objectKey.getBytes(StandardCharsets.UTF_8)) + "\"";
        if (matches(request, etag)) {
            if (!storage.exists(objectKey)) {
                throw notFound();
            }
            cacheHeaders(response, etag);
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        var stored = storage.open(objectKey).orElseThrow(MediaController::notFound);
        try (stored) {
            cacheHeaders(response, etag);
            response.setContentType(stored.contentType());
            response.setContentLengthLong(stored.length());
            if (!"HEAD".equals(request.getMethod())) {
                stored.content().transferTo(response.getOutputStream());
            }
        }
    }

    private static void cacheHeaders(HttpServletResponse response, String etag) {
        // Set before the body is written, so Spring Security's default "no-cache" headers stay out.
        response.setHeader(HttpHeaders.CACHE_CONTROL, MediaStorage.CACHE_CONTROL);
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    /** RFC 9110 If-None-Match: weak comparison, a list of tags, or {@code *}. */
    private static boolean matches(HttpServletRequest request, String etag) {
        for (var header : Collections.list(request.getHeaders(HttpHeaders.IF_NONE_MATCH))) {
            for (var candidate : header.split(",")) {
                var tag = candidate.strip();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ApiException notFound() {
        return ApiException.notFound("Media object");
    }
}
