package com.betanet.marketplace.payments.web;

import com.betanet.marketplace.shared.security.HttpAuthorizationRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Safaricom posts B2C callbacks without a token: the secret in their path is what authenticates them. */
@Component
class B2cWebhookAuthorizationRules implements HttpAuthorizationRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers(HttpMethod.POST, "/api/v1/webhooks/mpesa/*/b2c/**")
                .permitAll();
    }
}
