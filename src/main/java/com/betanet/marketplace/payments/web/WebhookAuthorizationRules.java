package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.shared.security.HttpAuthorizationRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Providers call the payment webhooks without a token (B2C's: {@code B2cWebhookAuthorizationRules}): M-Pesa's callbacks are authenticated by the secret in their path, Stripe's
 * by the {@code Stripe-Signature} header, both checked by the controllers.
 */
@Component
class WebhookAuthorizationRules implements HttpAuthorizationRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers(HttpMethod.POST, "/api/v1/webhooks/mpesa/*", "/api/v1/webhooks/stripe")
                .permitAll();
    }
}
