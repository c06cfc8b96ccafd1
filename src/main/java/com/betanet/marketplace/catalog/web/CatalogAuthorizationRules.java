package com.betanet.marketplace.catalog.web;

import com.betanet.marketplace.shared.security.HttpAuthorizationRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Browsing is open to anonymous callers: the category tree, search, a product and its reviews. A caller who sends a
 * token is still identified, so a seller sees their own drafts. Every write needs a token (and a role, checked in
 * the endpoints).
 */
@Component
class CatalogAuthorizationRules implements HttpAuthorizationRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        HttpAuthorizationRules.openToReaders(
                registry, "/api/v1/categories", "/api/v1/products", "/api/v1/products/*", "/api/v1/products/*/reviews");
    }
}
