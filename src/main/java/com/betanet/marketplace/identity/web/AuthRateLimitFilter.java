package com.betanet.marketplace.identity.web;

import com.betanet.marketplace.identity.application.AuthRateLimits;
import com.betanet.marketplace.shared.ratelimit.ClientAddresses;
import com.betanet.marketplace.shared.ratelimit.RateLimiter;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every request to the anonymous sign-in endpoints against one per-address limit ({@link
 * AuthRateLimits#perAddress()}), before security, body parsing and password hashing run, so a flood costs little.
 * Keyed on paths, so the controllers behind them need nothing. Over the limit: 429 {@code rate_limited} with
 * {@code Retry-After}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after the request id (for the problem body) and the body-size cap
class AuthRateLimitFilter extends OncePerRequestFilter {

    private static final List<RequestMatcher> LIMITED = Stream.of(
                    "/api/v1/auth/register",
                    "/api/v1/auth/login",
                    "/api/v1/auth/refresh",
                    "/api/v1/auth/email/verify",
                    "/api/v1/auth/password/forgot",
                    "/api/v1/auth/password/reset",
                    "/api/v1/auth/oauth/{provider}")
            .map(path ->
                    (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path))
            .toList();

    private final RateLimiter limiter;
    private final AuthRateLimits limits;
    private final Problems problems;

    AuthRateLimitFilter(RateLimiter limiter, AuthRateLimits limits, Problems problems) {
        this.limiter = limiter;
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return LIMITED.stream().noneMatch(matcher -> matcher.matches(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var decision = limiter.tryAcquire(limits.perAddress(), ClientAddresses.key(request.getRemoteAddr()));
        if (!decision.allowed()) {
            problems.write(response, ApiException.tooManyRequests(decision.retryAfterSeconds()));
            return;
        }
        chain.doFilter(request, response);
    }
}
