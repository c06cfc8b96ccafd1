package com.betanet.marketplace.payments.simulator;

import com.betanet.marketplace.payments.payout.B2cGateway;
import com.betanet.marketplace.payments.payout.Payout;
import com.betanet.marketplace.payments.payout.PayoutCallbacks;
import com.betanet.marketplace.payments.provider.Provider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pretends to be M-Pesa B2C: an accepted payout is answered after a short delay with the document Daraja would post
 * (a B2C result, a queue timeout, a transaction status result), applied through {@link PayoutCallbacks} exactly like
 * one that came to our webhooks. The phone number picks the outcome:
 *
 * <ul>
 *   <li>ending in {@code 2040}: the recipient cannot take M-Pesa (ResultCode 2040), the payout fails;
 *   <li>ending in {@code 0000}: it times out in the queue; the status query then finds it completed;
 *   <li>anything else: it is paid.
 * </ul>
 */
@Component
@Profile("!prod")
class SimulatedB2c implements B2cGateway {

    private static final Logger log = LoggerFactory.getLogger(SimulatedB2c.class);
    static final String FAILING_SUFFIX = "2040";
    static final String TIMEOUT_SUFFIX = "0000";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PayoutCallbacks callbacks;
    private final TaskScheduler scheduler;
    private final Duration delay;

    SimulatedB2c(
            PayoutCallbacks callbacks,
            TaskScheduler scheduler,
            @Value("${marketplace.payments.simulator.delay}") String delay) {
        this.callbacks = callbacks;
        this.scheduler = scheduler;
        this.delay = DurationStyle.detectAndParse(delay);
    }

    @Override
    public Provider provider() {
        return Provider.SIMULATOR;
    }

    @Override
    public SendResult send(Payout payout) {
        log.info(
                "SIMULATED M-Pesa payout {} of {} to {} (no real money moves)",
                payout.id(),
                payout.amount(),
                payout.phoneNumber());
        return new SendResult.Accepted(conversationId(payout));
    }

    @Override
    public void accepted(Payout payout) {
        if (payout.phoneNumber().endsWith(TIMEOUT_SUFFIX)) {
            later(() -> callbacks.b2cTimeout(Provider.SIMULATOR, queueTimeout(payout)));
        } else {
            later(() -> callbacks.b2cResult(Provider.SIMULATOR, result(payout)));
        }
    }

    @Override
    public void askStatus(Payout payout) {
        later(() -> callbacks.statusResult(Provider.SIMULATOR, statusResult(payout)));
    }

    private static boolean fails(Payout payout) {
        return payout.phoneNumber().endsWith(FAILING_SUFFIX);
    }

    private static String conversationId(Payout payout) {
        return "sim_b2c_" + payout.id();
    }

    private static String receipt(Payout payout) {
        return "SIM" + payout.id().toString().replace("-", "").substring(22).toUpperCase();
    }

    private static String result(Payout payout) {
        var result = new LinkedHashMap<String, Object>();
        result.put("ResultType", 0);
        result.put("OriginatorConversationID", payout.originatorConversationId());
        result.put("ConversationID", conversationId(payout));
        if (fails(payout)) {
            result.put("ResultCode", 2040);
            result.put(
                    "ResultDesc",
                    "Credit Party customer type (Unregistered or Registered Customer) can't be "
                            + "supported by the service. (simulated)");
        } else {
            result.put("ResultCode", 0);
            result.put("ResultDesc", "The service request is processed successfully. (simulated)");
            result.put("TransactionID", receipt(payout));
            result.put(
                    "ResultParameters",
                    Map.of(
                            "ResultParameter",
                            List.of(
                                    parameter("TransactionAmount", payout.wholeShillings()),
                                    parameter("TransactionReceipt", receipt(payout)),
                                    parameter("ReceiverPartyPublicName", payout.phoneNumber() + " - Simulated"))));
        }
        return JSON.writeValueAsString(Map.of("Result", result));
    }

    private static String queueTimeout(Payout payout) {
        return JSON.writeValueAsString(Map.of(
                "Result",
                Map.of(
                        "ResultType",
                        1,
                        "ResultCode",
                        1,
                        "ResultDesc",
                        "The service request has timed out. (simulated)",
                        "OriginatorConversationID",
                        payout.originatorConversationId(),
                        "ConversationID",
                        conversationId(payout))));
    }

    private static String statusResult(Payout payout) {
        var result = new LinkedHashMap<String, Object>();
        result.put("ResultType", 0);
        result.put("ResultCode", 0);
        result.put("ResultDesc", "The service request has been accepted successfully. (simulated)");
        result.put("OriginatorConversationID", "sim_status_" + java.util.UUID.randomUUID());
        result.put("ConversationID", "sim_status_" + payout.id());
        result.put(
                "ResultParameters",
                Map.of(
                        "ResultParameter",
                        List.of(
                                parameter("ReceiptNo", receipt(payout)),
                                parameter("Amount", payout.wholeShillings()),
                                parameter("TransactionStatus", fails(payout) ? "Failed" : "Completed"),
                                parameter("Originator Conversation ID", payout.originatorConversationId()))));
        return JSON.writeValueAsString(Map.of("Result", result));
    }

    private static Map<String, Object> parameter(String key, Object value) {
        return Map.of("Key", key, "Value", value);
    }

    private void later(Runnable action) {
        scheduler.schedule(
                () -> {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        // a real provider would retry; the payout stays PENDING and the status job asks again
                        log.error("SIMULATED B2C callback failed; the status job will retry", e);
                    }
                },
                scheduler.getClock().instant().plus(delay));
    }
}
