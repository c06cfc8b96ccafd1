package com.betanet.marketplace.payments.stripe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code marketplace.payments.stripe.*} (README, configuration). Without a secret key and webhook secret, cards run
 * on the local simulator.
 *
 * @param apiBase Stripe's API base; a test or a local emulator (stripe-mock, WireMock) may stand in for it
 * @param maxNetworkRetries how often the SDK itself resends after a network error or a retryable status; safe because
 *     every write carries an idempotency key
 */
@ConfigurationProperties("marketplace.payments.stripe")
public record StripeProperties(
        @DefaultValue("https://api.stripe.com") String apiBase,
        @DefaultValue("") String secretKey,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("2") int maxNetworkRetries) {

    public boolean configured() {
        return !secretKey.isBlank() && !webhookSecret.isBlank();
    }

    @Override
    public String toString() {
        // Keeps the keys out of logs and actuator output.
        return "StripeProperties[apiBase=" + apiBase + ", configured=" + configured() + "]";
    }
}
