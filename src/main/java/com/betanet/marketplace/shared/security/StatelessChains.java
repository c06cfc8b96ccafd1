package com.betanet.marketplace.shared.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.context.NullSecurityContextRepository;

/**
 * What every filter chain of the marketplace outside the server-rendered console shares: no HTTP session, no stored
 * security context, no saved requests, no CSRF tokens (callers prove who they are on each request: a bearer token, a
 * provider's signature, an OAuth state bound to a cookie), and none of the browser login pages Spring Security would
 * add.
 */
public final class StatelessChains {

    private StatelessChains() {}

    public static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new NullSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable());
    }
}
