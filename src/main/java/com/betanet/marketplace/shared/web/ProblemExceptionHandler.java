package com.betanet.marketplace.shared.web;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every exception that can leave a controller to the contract's problem response. Bad input is always a 4xx
 * with a {@code code}; anything unexpected is logged with the request id and answered with a bare 500.
 */
@RestControllerAdvice
class ProblemExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    /** Tomcat names the parameter it could not decode: "Character decoding failed. Parameter [q] with value …". */
    private static final Pattern UNDECODABLE_PARAMETER = Pattern.compile("Parameter \\[([A-Za-z0-9_.]{1,40})]");

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException exception) {
        return Problems.response(exception);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                // e.g. a chunked body passed the size limit while being read: 413, whatever the parser made of it
                return Problems.response(api);
            }
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return Problems.response(ApiException.validation(
                        jsonPath(unknown), "Unknown field '" + unknown.getPropertyName() + "'"));
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return Problems.response(ApiException.validation(jsonPath(jackson), "Has the wrong type or format"));
            }
        }
        return Problems.response(ApiException.validation("body", "The body is missing or is not valid JSON"));
    }

    @ExceptionHandler(org.springframework.web.bind.MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(org.springframework.web.bind.MethodArgumentNotValidException exception) {
        return Problems.response(ApiException.validation(bindingErrors(exception)));
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<ProblemDetail> bind(BindException exception) {
        return Problems.response(ApiException.validation(bindingErrors(exception)));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> methodValidation(HandlerMethodValidationException exception) {
        var errors = new ArrayList<FieldError>();
        exception.getParameterValidationResults().forEach(result -> {
            var name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors()
                    .forEach(error -> errors.add(new FieldError(
                            name == null ? "parameter" : name, String.valueOf(error.getDefaultMessage()))));
        });
        return Problems.response(ApiException.validation(errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException exception) {
        var errors = exception.getConstraintViolations().stream()
                .map(violation ->
                        new FieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return Problems.response(ApiException.validation(errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException exception) {
        return Problems.response(ApiException.validation(exception.getName(), "Has the wrong type or format"));
    }

    /** A query string that is not valid percent-encoded UTF-8 ({@code ?q=50%}, {@code ?q=%FF}). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException exception) {
        var name = UNDECODABLE_PARAMETER.matcher(String.valueOf(exception.getMessage()));
        return Problems.response(ApiException.validation(
                name.find() ? name.group(1) : "query",
                "Is not valid percent-encoded UTF-8 (a literal % is written %25)"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException exception) {
        return Problems.response(ApiException.validation(exception.getParameterName(), "Is required"));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<ProblemDetail> missingPart(MissingServletRequestPartException exception) {
        return Problems.response(ApiException.validation(exception.getRequestPartName(), "Is required"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException exception) {
        return Problems.response(ApiException.validation(exception.getHeaderName(), "Is required"));
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException exception) {
        return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The upload is too large");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().contains("SizeLimitExceeded")
                    || cause.getClass().getSimpleName().contains("SizeException")) {
                return Problems.response(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The upload is too large");
            }
        }
        return Problems.response(ApiException.validation("file", "The multipart request could not be read"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException exception) {
        return Problems.response(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Content type not supported");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException exception) {
        return Problems.response(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "No acceptable representation");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException exception) {
        var response = Problems.response(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method " + exception.getMethod() + " not allowed");
        var supported = exception.getSupportedHttpMethods();
        return supported == null
                ? response
                : ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .allow(supported.toArray(org.springframework.http.HttpMethod[]::new))
                        .body(response.getBody());
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> noHandler(Exception exception) {
        return Problems.response(HttpStatus.NOT_FOUND, "not_found", "No such resource");
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(Exception exception) {
        return Problems.response(HttpStatus.FORBIDDEN, "forbidden", "You may not do this");
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException exception) {
        var response = Problems.response(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .headers(response.getHeaders())
                .header("WWW-Authenticate", "Bearer")
                .body(response.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Unhandled exception", exception);
        return Problems.response(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side");
    }

    private static List<FieldError> bindingErrors(BindException exception) {
        var errors = new ArrayList<FieldError>();
        exception
                .getFieldErrors()
                .forEach(error ->
                        errors.add(new FieldError(error.getField(), String.valueOf(error.getDefaultMessage()))));
        exception
                .getGlobalErrors()
                .forEach(error ->
                        errors.add(new FieldError(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        return errors;
    }

    private static String jsonPath(JacksonException exception) {
        var path = new StringBuilder();
        for (var reference : exception.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
