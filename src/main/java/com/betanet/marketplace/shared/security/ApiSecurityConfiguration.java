package com.betanet.marketplace.shared.security;

import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The API's security: stateless, bearer JWTs verified with the marketplace's own public keys (the {@code JwtDecoder}
 * bean comes from {@code identity}), problem responses for 401 and 403. Modules open endpoints to anonymous callers
 * through {@link HttpAuthorizationRules} beans and add per-request checks through {@link AccessTokenCheck} beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ApiSecurityConfiguration implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            List<HttpAuthorizationRules> rules,
            ObjectProvider<AccessTokenCheck> checks,
            Problems problems,
            @Value("${marketplace.cors.allowed-origins}") List<String> allowedOrigins)
            throws Exception {
        var entryPoint = entryPoint(problems);
        var deniedHandler = accessDeniedHandler(problems);
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(cors(allowedOrigins)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(registry -> {
                    rules.forEach(rule -> rule.configure(registry));
                    registry.requestMatchers("/api/**").authenticated();
                    registry.anyRequest().permitAll();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
                .addFilterAfter(new AccessTokenCheckFilter(checks, problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * No observations of Spring Security's filters, authentications and authorizations (HTTP server metrics per
     * endpoint stay). {@code management.observations.enable.spring.security=false} made them no-ops, but every filter
     * of the chain was still wrapped in an observing decorator on every request.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Pages of the given origins may call the API from a browser: the preflight is answered before authentication,
     * any method and request header is allowed, and the headers clients read are exposed. No credentials: the API
     * takes bearer tokens, never cookies.
     */
    static CorsConfigurationSource cors(List<String> allowedOrigins) {
        var cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(allowedOrigins.stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "WWW-Authenticate", "X-Request-Id"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /** URLs the firewall refuses (encoded slashes, {@code ..}, odd characters) get a problem body too. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(Problems problems) {
        return (request, response, rejected) -> problems.write(
                response,
                new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "The request URL is not acceptable"));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
    }

    static JwtAuthenticationConverter jwtConverter() {
        var authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(CurrentUserArgumentResolver.ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    /**
     * 401 with {@code WWW-Authenticate: Bearer} (RFC 6750): with {@code error="invalid_token"} when a token was sent.
     * The description is ours, not the decoder's (which names the library's parsing steps).
     */
    private static AuthenticationEntryPoint entryPoint(Problems problems) {
        return (request, response, exception) -> {
            var authorization = request.getHeader("Authorization");
            boolean sent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            var detail = sent ? "The access token is missing, invalid or expired" : "Authentication required";
            var challenge = sent ? "Bearer error=\"invalid_token\", error_description=\"" + detail + "\"" : "Bearer";
            problems.write(response, ApiException.unauthorized(detail, challenge));
        };
    }

    private static AccessDeniedHandler accessDeniedHandler(Problems problems) {
        return (request, response, exception) ->
                problems.write(response, new ApiException(HttpStatus.FORBIDDEN, "forbidden", "You may not do this"));
    }

    /** Runs the modules' {@link AccessTokenCheck}s once the token has been verified. */
    private static final class AccessTokenCheckFilter extends OncePerRequestFilter {
        private final ObjectProvider<AccessTokenCheck> checks;
        private final Problems problems;

        AccessTokenCheckFilter(ObjectProvider<AccessTokenCheck> checks, Problems problems) {
            this.checks = checks;
            this.problems = problems;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var user = CurrentUserArgumentResolver.current();
            if (user != null) {
                try {
                    for (var check : checks) {
                        check.check(user);
                    }
                } catch (ApiException refused) {
                    problems.write(response, refused);
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }
}
