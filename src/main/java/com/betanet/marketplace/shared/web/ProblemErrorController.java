package com.betanet.marketplace.shared.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors raised before Spring MVC sees the request (by Tomcat or a filter) land here, and get the same problem shape
 * as everything else instead of Boot's default error page. Clients never call it, so the OpenAPI document leaves it
 * out: each operation lists its own problems.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        var statusCode = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        var status = statusCode instanceof Integer code ? HttpStatus.resolve(code) : null;
        if (status == null || status.value() < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof ApiException api) {
            return Problems.response(api);
        }
        return Problems.response(status, codeFor(status), null);
    }

    static String codeFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "validation_failed";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not_found";
            case METHOD_NOT_ALLOWED -> "method_not_allowed";
            case CONFLICT -> "conflict";
            case CONTENT_TOO_LARGE -> "payload_too_large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
            case TOO_MANY_REQUESTS -> "rate_limited";
            default -> status.is4xxClientError() ? "bad_request" : "internal_error";
        };
    }
}
