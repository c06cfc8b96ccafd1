package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.provider.PaymentProvider;
import com.betanet.marketplace.payments.provider.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Which provider serves each payment method. A method whose provider credentials are all set uses the real adapter;
 * one without credentials runs on the simulator, except in the {@code prod} profile, where start-up fails naming the
 * missing variables: a production node never pretends to take money.
 */
@Component
public class PaymentProviders {

    private static final Logger log = LoggerFactory.getLogger(PaymentProviders.class);

    /** The settings each real provider needs, with the environment variable that sets each. */
    static final Map<PaymentMethod, Map<String, String>> REQUIRED = Map.of(
            PaymentMethod.MPESA,
            Map.of(
                    "marketplace.payments.mpesa.consumer-key", "MARKETPLACE_MPESA_CONSUMER_KEY",
                    "marketplace.payments.mpesa.consumer-secret", "MARKETPLACE_MPESA_CONSUMER_SECRET",
                    "marketplace.payments.mpesa.shortcode", "MARKETPLACE_MPESA_SHORTCODE",
                    "marketplace.payments.mpesa.passkey", "MARKETPLACE_MPESA_PASSKEY",
                    "marketplace.payments.mpesa.callback-secret", "MARKETPLACE_MPESA_CALLBACK_SECRET"),
            PaymentMethod.CARD,
            Map.of(
                    "marketplace.payments.stripe.secret-key", "MARKETPLACE_STRIPE_SECRET_KEY",
                    "marketplace.payments.stripe.webhook-secret", "MARKETPLACE_STRIPE_WEBHOOK_SECRET"));

    private static final Map<PaymentMethod, Provider> REAL =
            Map.of(PaymentMethod.MPESA, Provider.MPESA, PaymentMethod.CARD, Provider.STRIPE);

    private final Map<Provider, PaymentProvider> adapters = new EnumMap<>(Provider.class);
    private final Map<PaymentMethod, Provider> byMethod = new EnumMap<>(PaymentMethod.class);

    PaymentProviders(List<PaymentProvider> all, Environment environment) {
        all.forEach(adapter -> adapters.put(adapter.provider(), adapter));
        boolean prod = environment.acceptsProfiles(Profiles.of("prod"));
        var problems = new ArrayList<String>();
        for (var method : PaymentMethod.values()) {
            var missing = REQUIRED.get(method).entrySet().stream()
                    .filter(setting ->
                            environment.getProperty(setting.getKey(), "").isBlank())
                    .map(Map.Entry::getValue)
                    .sorted()
                    .toList();
            var real = REAL.get(method);
            if (missing.isEmpty()) {
                if (!adapters.containsKey(real)) {
                    problems.add(method + " credentials are set but this build has no " + real + " adapter");
                }
                byMethod.put(method, real);
            } else if (prod) {
                problems.add(method + " payments need " + String.join(", ", missing));
            } else {
                log.warn(
                        "{} payments run on the SIMULATOR (no real money moves): {} not set",
                        method,
                        String.join(", ", missing));
                byMethod.put(method, Provider.SIMULATOR);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Payment providers are not configured for the prod profile: "
                    + String.join("; ", problems)
                    + ". The simulator is never used in prod.");
        }
    }

    public Provider forMethod(PaymentMethod method) {
        return byMethod.get(method);
    }

    public PaymentProvider adapter(Provider provider) {
        var adapter = adapters.get(provider);
        if (adapter == null) {
            throw new IllegalStateException(
                    "No adapter for " + provider + " among " + Arrays.toString(Provider.values()));
        }
        return adapter;
    }
}
