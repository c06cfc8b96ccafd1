package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.mpesa.MpesaCallbackParseException;
import com.betanet.marketplace.payments.payout.PayoutCallbacks;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Daraja's answers to our B2C payouts and their Transaction Status queries, at a URL holding the callback secret
 * (any other secret: 404, compared in constant time). Each document is recorded and applied once through
 * {@link PayoutCallbacks}; Daraja is answered "Accepted" once it is durably recorded, whatever it said.
 */
@RestController
@RequestMapping(path = "/api/v1/webhooks/mpesa/{secret}/b2c", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Webhooks", description = "Provider callbacks (not for client apps)")
class B2cWebhookController {

    private static final Logger log = LoggerFactory.getLogger(B2cWebhookController.class);
    static final Map<String, Object> ACCEPTED = Map.of("ResultCode", 0, "ResultDesc", "Accepted");

    private static final String WEBHOOK = "mpesa-b2c";

    private final PayoutCallbacks callbacks;
    private final DarajaCallbackSecret secrets;
    private final RefusedWebhooks refusals;

    B2cWebhookController(PayoutCallbacks callbacks, DarajaCallbackSecret secrets, RefusedWebhooks refusals) {
        this.callbacks = callbacks;
        this.secrets = secrets;
        this.refusals = refusals;
    }

    @PostMapping("/result")
    @Operation(summary = "Daraja B2C result (ResultURL of a payout)")
    @ProblemCodes({"400 validation_failed", "404 not_found"})
    Map<String, Object> result(@PathVariable String secret, @RequestBody(required = false) @Nullable String body) {
        return apply(secret, body, "B2C result", callbacks::b2cResult);
    }

    @PostMapping("/timeout")
    @Operation(summary = "Daraja B2C queue timeout (QueueTimeOutURL of a payout): the payout stays pending")
    @ProblemCodes({"400 validation_failed", "404 not_found"})
    Map<String, Object> timeout(@PathVariable String secret, @RequestBody(required = false) @Nullable String body) {
        return apply(secret, body, "B2C queue timeout", callbacks::b2cTimeout);
    }

    @PostMapping("/status")
    @Operation(summary = "Daraja Transaction Status result (ResultURL of a payout status query)")
    @ProblemCodes({"400 validation_failed", "404 not_found"})
    Map<String, Object> status(@PathVariable String secret, @RequestBody(required = false) @Nullable String body) {
        return apply(secret, body, "transaction status result", callbacks::statusResult);
    }

    @PostMapping("/status/timeout")
    @Operation(summary = "Daraja Transaction Status queue timeout: the query is sent again later")
    @ProblemCodes({"400 validation_failed", "404 not_found"})
    Map<String, Object> statusTimeout(
            @PathVariable String secret, @RequestBody(required = false) @Nullable String body) {
        return apply(secret, body, "status query timeout", callbacks::statusTimeout);
    }

    private Map<String, Object> apply(
            String given,
            @Nullable String body,
            String what,
            BiFunction<Provider, String, PayoutCallbacks.Outcome> callback) {
        secrets.require(given, WEBHOOK);
        try {
            var outcome = callback.apply(Provider.MPESA, body == null ? "" : body);
            log.debug("M-Pesa {}: {}", what, outcome);
            return ACCEPTED;
        } catch (MpesaCallbackParseException unreadable) {
            refusals.refused(WEBHOOK, "validation_failed", what + ": " + unreadable.getMessage());
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Not a Daraja " + what);
        }
    }
}
