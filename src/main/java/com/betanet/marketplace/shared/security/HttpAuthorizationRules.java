package com.betanet.marketplace.shared.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's contribution to URL authorization: typically the endpoints it serves to anonymous callers. Everything
 * under {@code /api/} that no module opens up requires an authenticated caller; finer rules (roles, ownership) are
 * checked in the module itself.
 */
@FunctionalInterface
public interface HttpAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry);

    /**
     * Opens {@code patterns} to anonymous readers: GET, HEAD (which Spring MVC answers as a GET without body) and
     * OPTIONS (which answers with the methods allowed).
     */
    static void openToReaders(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry,
            String... patterns) {
        registry.requestMatchers(HttpMethod.GET, patterns)
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, patterns)
                .permitAll()
                .requestMatchers(HttpMethod.OPTIONS, patterns)
                .permitAll();
    }
}
