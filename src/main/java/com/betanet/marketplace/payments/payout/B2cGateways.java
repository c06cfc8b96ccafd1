package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.mpesa.MpesaProperties;
import com.betanet.marketplace.payments.provider.Provider;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Which provider carries out new payouts: Daraja B2C when its credentials and the callback secret are set; otherwise
 * the simulator, except in the {@code prod} profile, where start-up fails naming the missing variables. A payout
 * keeps the provider it was created with.
 */
@Component
class B2cGateways {

    private static final Logger log = LoggerFactory.getLogger(B2cGateways.class);

    private final Map<Provider, B2cGateway> gateways = new EnumMap<>(Provider.class);
    private final Provider current;

    B2cGateways(List<B2cGateway> all, MpesaProperties mpesa, Environment environment) {
        all.forEach(gateway -> gateways.put(gateway.provider(), gateway));
        var missing = missing(mpesa);
        if (missing.isEmpty()) {
            current = Provider.MPESA;
        } else if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("M-Pesa payouts (B2C) are not configured for the prod profile: "
                    + String.join(", ", missing) + " must be set. The simulator is never used in prod.");
        } else if (mpesa.b2cConfigured()) {
            // B2C credentials without a way to receive its results would hold users' money indefinitely
            throw new IllegalStateException(
                    "M-Pesa B2C is configured but MARKETPLACE_MPESA_CALLBACK_SECRET is not: results could not arrive");
        } else {
            log.warn(
                    "M-Pesa payouts run on the SIMULATOR (no real money moves): {} not set",
                    String.join(", ", missing));
            current = Provider.SIMULATOR;
        }
        if (!gateways.containsKey(current)) {
            throw new IllegalStateException("Payouts need a " + current + " B2C gateway, this build has none");
        }
    }

    private static List<String> missing(MpesaProperties mpesa) {
        var settings = new LinkedHashMap<String, String>();
        settings.put("MARKETPLACE_MPESA_CONSUMER_KEY", mpesa.consumerKey());
        settings.put("MARKETPLACE_MPESA_CONSUMER_SECRET", mpesa.consumerSecret());
        settings.put("MARKETPLACE_MPESA_B2C_INITIATOR_NAME", mpesa.b2cInitiatorName());
        settings.put("MARKETPLACE_MPESA_B2C_SECURITY_CREDENTIAL", mpesa.b2cSecurityCredential());
        settings.put("MARKETPLACE_MPESA_B2C_SHORTCODE", mpesa.b2cShortcode());
        settings.put("MARKETPLACE_MPESA_CALLBACK_SECRET", mpesa.callbackSecret());
        var missing = new ArrayList<String>();
        settings.forEach((variable, value) -> {
            if (value.isBlank()) {
                missing.add(variable);
            }
        });
        return missing;
    }

    /** The provider new payouts go to. */
    Provider current() {
        return current;
    }

    B2cGateway of(Provider provider) {
        var gateway = gateways.get(provider);
        if (gateway == null) {
            throw new IllegalStateException("No B2C gateway for " + provider);
        }
        return gateway;
    }
}
