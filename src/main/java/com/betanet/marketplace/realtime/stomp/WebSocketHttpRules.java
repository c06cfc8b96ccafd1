package com.betanet.marketplace.realtime.stomp;

import com.betanet.marketplace.shared.security.HttpAuthorizationRules;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The WebSocket handshake is open at the HTTP level: browsers cannot set headers on it; CONNECT authenticates. */
@Component
class WebSocketHttpRules implements HttpAuthorizationRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        registry.requestMatchers("/ws", "/ws/**").permitAll();
    }
}
