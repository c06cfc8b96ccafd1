package com.betanet.marketplace.payments.simulator;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.provider.PaymentProvider;
import com.betanet.marketplace.payments.provider.Provider;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Pretends to be a provider: a started payment is answered after a short delay by a simulated callback, applied
 * through {@link PaymentSettlement} exactly like a real one. The payer's phone number picks the outcome, so a demo
 * can show every path:
 *
 * <ul>
 *   <li>ending in {@code 1032}: the payer cancels (M-Pesa ResultCode 1032), the payment fails;
 *   <li>ending in {@code 0000}: the callback is "lost"; only the reconciliation job's status query settles it;
 *   <li>anything else (and cards): it succeeds with the full amount.
 * </ul>
 *
 * Refunds are confirmed after the same delay.
 */
@Component
@Profile("!prod")
class SimulatorProvider implements PaymentProvider {

    private static final Logger log = LoggerFactory.getLogger(SimulatorProvider.class);
    static final String CANCELLED_SUFFIX = "1032";
    static final String LOST_CALLBACK_SUFFIX = "0000";

    private final PaymentSettlement settlement;
    private final TaskScheduler scheduler;
    private final Duration delay;

    SimulatorProvider(
            PaymentSettlement settlement,
            TaskScheduler scheduler,
            @Value("${marketplace.payments.simulator.delay}") String delay) {
        this.settlement = settlement;
        this.scheduler = scheduler;
        this.delay = DurationStyle.detectAndParse(delay);
    }

    @Override
    public Provider provider() {
        return Provider.SIMULATOR;
    }

    @Override
    public StartResult start(PaymentRequest payment) {
        var reference = "sim_" + payment.paymentId();
        log.info(
                "SIMULATED {} payment {} of {} started as {} (no real money moves)",
                payment.method(),
                payment.paymentId(),
                payment.amount(),
                reference);
        var clientSecret = payment.method() == PaymentMethod.CARD ? reference + "_secret_simulated" : null;
        return new StartResult.Started(reference, clientSecret, false);
    }

    @Override
    public void started(PaymentRequest payment, String providerReference) {
        if (endsWith(payment, LOST_CALLBACK_SUFFIX)) {
            log.info("SIMULATED payment {}: its callback is lost on purpose", providerReference);
            return;
        }
        later(() -> answer(payment, providerReference));
    }

    @Override
    public ProviderStatus status(PaymentRequest payment, @Nullable String providerReference) {
        if (providerReference == null) {
            return new ProviderStatus.Pending();
        }
        return outcome(payment, providerReference);
    }

    @Override
    public RefundResult refund(RefundRequest refund) {
        var reference = "sim_re_" + refund.refundId();
        log.info("SIMULATED refund {} of {} for payment {}", reference, refund.amount(), refund.paymentId());
        return new RefundResult.Accepted(reference);
    }

    @Override
    public void refundAccepted(RefundRequest refund, String providerReference) {
        later(() -> settlement.refundSucceeded(
                Provider.SIMULATOR, providerReference, "sim_evt_" + providerReference, payload(providerReference)));
    }

    /** The simulator pays every refund back: one it accepted is reported paid, one it never saw may be sent. */
    @Override
    public RefundCheck checkRefund(RefundRequest refund, @Nullable String providerReference) {
        if (providerReference == null) {
            return new RefundCheck.NotFound();
        }
        return new RefundCheck.Succeeded(providerReference, "sim_evt_" + providerReference, payload(providerReference));
    }

    private void answer(PaymentRequest payment, String providerReference) {
        var outcome = outcome(payment, providerReference);
        if (outcome instanceof ProviderStatus.Succeeded succeeded) {
            settlement.succeeded(
                    Provider.SIMULATOR,
                    providerReference,
                    succeeded.externalEventId(),
                    succeeded.received(),
                    succeeded.payloadJson());
        } else if (outcome instanceof ProviderStatus.Failed failed) {
            settlement.failed(
                    Provider.SIMULATOR,
                    providerReference,
                    failed.externalEventId(),
                    failed.reason(),
                    payload(providerReference));
        }
    }

    /** The one answer the simulator gives for a payment, by callback or status query alike (same event id). */
    private ProviderStatus outcome(PaymentRequest payment, String providerReference) {
        var eventId = "sim_evt_" + providerReference;
        if (endsWith(payment, CANCELLED_SUFFIX)) {
            return new ProviderStatus.Failed("Request cancelled by user (simulated)", eventId);
        }
        return new ProviderStatus.Succeeded(payment.amount(), eventId, payload(providerReference));
    }

    private static boolean endsWith(PaymentRequest payment, String suffix) {
        return payment.phoneNumber() != null && payment.phoneNumber().endsWith(suffix);
    }

    private static String payload(String providerReference) {
        return "{\"simulated\":true,\"reference\":\"" + providerReference + "\"}";
    }

    private void later(Runnable action) {
        scheduler.schedule(
                () -> {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        // a real provider would retry its callback; the reconciliation job does it for us
                        log.error("SIMULATED callback failed; reconciliation will retry", e);
                    }
                },
                scheduler.getClock().instant().plus(delay));
    }
}
