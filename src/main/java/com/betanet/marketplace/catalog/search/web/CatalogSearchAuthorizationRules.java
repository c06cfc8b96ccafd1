package com.betanet.marketplace.catalog.search.web;

import com.betanet.marketplace.shared.security.HttpAuthorizationRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Browsing the catalogue needs no account: searching, a product, the category tree, a product's reviews. */
@Component
class CatalogSearchAuthorizationRules implements HttpAuthorizationRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers(
                        HttpMethod.GET,
                        "/api/v1/products",
                        "/api/v1/products/*",
                        "/api/v1/products/*/reviews",
                        "/api/v1/categories")
                .permitAll();
    }
}
