package com.betanet.marketplace.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the one problem-response shape of the API (RFC 9457 plus {@code code}, {@code errors} and {@code requestId}),
 * for controllers, security handlers and servlet filters alike.
 */
@Component
public class Problems {

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String code, @Nullable String detail, List<?> errors) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail == null ? status.getReasonPhrase() : detail);
        problem.setType(URI.create("/problems/" + code.replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        var requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ApiException exception) {
        var problem = problem(exception.status(), exception.code(), exception.getMessage(), exception.errors());
        exception.properties().forEach(problem::setProperty);
        return ResponseEntity.status(exception.status())
                .headers(exception.headers())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    public static ResponseEntity<ProblemDetail> response(HttpStatus status, String code, @Nullable String detail) {
        return response(new ApiException(status, code, detail == null ? status.getReasonPhrase() : detail));
    }

    /** Writes a problem straight to the servlet response, for code that runs outside Spring MVC (filters). */
    public void write(HttpServletResponse response, ApiException exception) throws IOException {
        var entity = response(exception);
        response.setStatus(exception.status().value());
        for (Map.Entry<String, List<String>> header : entity.getHeaders().headerSet()) {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header.getKey())) {
                // the first value is set, not added: a header written earlier in the chain is replaced, never doubled
                var values = header.getValue();
                for (int i = 0; i < values.size(); i++) {
                    if (i == 0) {
                        response.setHeader(header.getKey(), values.get(i));
                    } else {
                        response.addHeader(header.getKey(), values.get(i));
                    }
                }
            }
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), entity.getBody());
    }
}
