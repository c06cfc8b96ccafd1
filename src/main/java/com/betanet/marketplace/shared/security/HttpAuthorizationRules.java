package com.betanet.marketplace.shared.security;

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
}
