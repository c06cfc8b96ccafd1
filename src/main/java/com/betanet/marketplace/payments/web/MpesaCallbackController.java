package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.payments.application.InboxWorker;
import com.betanet.marketplace.payments.mpesa.MpesaCallbackParseException;
import com.betanet.marketplace.payments.mpesa.StkCallback;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Daraja's STK callback. The secret path segment is what authenticates Safaricom; a wrong one is 404, as if there
 * were no such URL. A readable callback is recorded in the inbox under its CheckoutRequestID and acknowledged once
 * recorded; {@link StkCallbackDocuments} applies it, before the answer unless the node is busy applying others
 * ({@link InboxWorker}). A duplicate is a no-op; one that matches no payment is recorded and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/webhooks/mpesa")
@Tag(name = "Webhooks", description = "Called by the payment providers, not by clients")
class MpesaCallbackController {

    private static final Logger log = LoggerFactory.getLogger(MpesaCallbackController.class);
    private static final String WEBHOOK = "mpesa-stk";
    static final Map<String, Object> ACCEPTED = Map.of("ResultCode", 0, "ResultDesc", "Accepted");

    private final InboxWorker inbox;
    private final DarajaCallbackSecret secrets;
    private final RefusedWebhooks refusals;

    MpesaCallbackController(InboxWorker inbox, DarajaCallbackSecret secrets, RefusedWebhooks refusals) {
        this.inbox = inbox;
        this.secrets = secrets;
        this.refusals = refusals;
    }

    @PostMapping("/{secret}")
    @Operation(
            summary = "Daraja STK push callback (Safaricom only)",
            description = "Body.stkCallback as Daraja posts it. Answers {\"ResultCode\":0,\"ResultDesc\":\"Accepted\"}"
                    + " once recorded; duplicates and unknown CheckoutRequestIDs are accepted and change nothing.")
    @ProblemCodes({"400 validation_failed", "404 not_found"})
    Map<String, Object> stkCallback(@PathVariable String secret, @RequestBody(required = false) @Nullable String body) {
        secrets.require(secret, WEBHOOK);
        StkCallback callback;
        try {
            callback = StkCallback.parse(body);
        } catch (MpesaCallbackParseException unreadable) {
            refusals.refused(WEBHOOK, "validation_failed", unreadable.getMessage());
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", unreadable.getMessage());
        }
        if (!inbox.accept(
                Provider.MPESA,
                callback.checkoutRequestId(),
                StkCallbackDocuments.KIND,
                Objects.requireNonNull(body))) {
            log.info("M-Pesa callback {} delivered again: already recorded", callback.checkoutRequestId());
        }
        return ACCEPTED;
    }
}
