package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.shared.security.HttpAuthorizationRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Providers call the webhooks without a token: M-Pesa's callbacks are authenticated by the secret in their path, Stripe's
 * by the {@code Stripe-Signature} header, both checked by the controllers.
 */
@Component
class WebhookAuthorizationRules implements HttpAuthorizationRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers("/api/v1/webhooks/**").permitAll();
    }
}
