package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.shared.security.StatelessChains;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Providers call the webhooks without a token: M-Pesa's callbacks (STK and B2C) are authenticated by the secret in
 * their path, Stripe's by the {@code Stripe-Signature} header, both checked by the controllers. They get a filter chain
 * of their own, without the API's bearer tokens, account checks, CORS or session handling, none of which applies to
 * them: in a burst of webhooks the server's CPU goes to the webhooks.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurityConfiguration {

    @Bean
    @Order(2) // after the browser sign-in's chain, before the API chain, which has no order and so comes last
    SecurityFilterChain webhookFilterChain(HttpSecurity http) throws Exception {
        StatelessChains.stateless(http.securityMatcher("/api/v1/webhooks/**"))
                .authorizeHttpRequests(registry -> registry.anyRequest().permitAll());
        return http.build();
    }
}
