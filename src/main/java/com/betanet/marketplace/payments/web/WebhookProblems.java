package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.application.InboxWorker.UnstorableDocumentException;
import com.betanet.marketplace.shared.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A verified, readable webhook whose values the database refuses is bad input: 400, nothing recorded. */
@RestControllerAdvice(assignableTypes = {MpesaCallbackController.class, StripeWebhookController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblems {

    private static final Logger log = LoggerFactory.getLogger(WebhookProblems.class);

    @ExceptionHandler(UnstorableDocumentException.class)
    ResponseEntity<ProblemDetail> unstorable(UnstorableDocumentException refused) {
        log.warn("Webhook refused: {}", refused.getMessage());
        return Problems.response(HttpStatus.BAD_REQUEST, "validation_failed", refused.getMessage());
    }
}
