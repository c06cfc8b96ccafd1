package com.betanet.marketplace.ledger.web;

import com.betanet.marketplace.shared.security.HttpAuthorizationRules;
import com.betanet.marketplace.shared.security.Role;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The ledger's admin views need the ADMIN role; the wallet endpoints need any signed-in user (the default). */
@Component
class LedgerAuthorizationRules implements HttpAuthorizationRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers("/api/v1/admin/ledger/**").hasRole(Role.ADMIN.name());
    }
}
