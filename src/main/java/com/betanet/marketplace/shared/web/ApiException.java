package com.betanet.marketplace.shared.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure the client caused or may act on, rendered as an RFC 9457 problem with the contract's stable {@code code}.
 * Modules subclass it or use the factory methods; the status and code are part of the API contract.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<?> errors;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final HttpHeaders headers = new HttpHeaders();

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiException(HttpStatus status, String code, String detail, List<?> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not_found", what + " not found");
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "forbidden", detail);
    }

    public static ApiException unauthorized(String detail) {
        return unauthorized(detail, "Bearer");
    }

    /** A 401 with the {@code WWW-Authenticate} challenge to send, e.g. RFC 6750's {@code error="invalid_token"}. */
    public static ApiException unauthorized(String detail, String challenge) {
        var exception = new ApiException(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
        exception.headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return exception;
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(HttpStatus.CONFLICT, code, detail);
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The request is not valid", errors);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        var exception = new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Too many requests, slow down");
        exception.headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
        exception.properties.put("retryAfterSeconds", Math.max(1, retryAfterSeconds));
        return exception;
    }

    /** Adds a property to the problem body (e.g. the id of the conflicting resource). */
    public ApiException with(String name, @Nullable Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<?> errors() {
        return errors;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
