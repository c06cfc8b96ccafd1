package com.betanet.marketplace.payments.stripe;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway and verifier exist whether or not keys are set (nothing is called until used); the payments core asks
 * {@link StripeProperties#configured()} to choose between them and the simulator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeProperties.class)
class StripeConfiguration {

    @Bean
    StripeGateway stripeGateway(StripeProperties properties) {
        return new StripeGateway(properties);
    }

    @Bean
    StripeWebhookVerifier stripeWebhookVerifier(StripeProperties properties, Clock clock) {
        return new StripeWebhookVerifier(properties, clock);
    }
}
