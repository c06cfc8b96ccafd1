package com.betanet.marketplace.identity.oauth.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Keeps the pending authorization request (state, PKCE verifier, nonce) in the browser instead of an HTTP session, so
 * the node that receives the provider's callback need not be the one that sent the browser away. The cookie is
 * encrypted ({@link AuthorizationRequestCodec}), HttpOnly, Secure on https, SameSite=Lax (the callback is a top-level
 * navigation from the provider, which Lax lets through), lives {@link #LIFETIME}, and is spent by the callback whether
 * or not it matches. A callback whose {@code state} differs from the cookie's finds no request and fails.
 *
 * <p>One cookie per browser: starting a second sign-in before the first returns replaces the first, whose callback
 * then fails with {@code invalid_state}.
 */
final class CookieAuthorizationRequestRepository implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String COOKIE = "marketplace_oauth2_request";
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private final AuthorizationRequestCodec codec;

    CookieAuthorizationRequestRepository(AuthorizationRequestCodec codec) {
        this.codec = codec;
    }

    @Override
    public @Nullable OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        var state = request.getParameter(OAuth2ParameterNames.STATE);
        var stored = codec.decode(cookieValue(request));
        if (stored == null || state == null || !sameState(state, stored.getState())) {
            return null;
        }
        return stored;
    }

    @Override
    public void saveAuthorizationRequest(
            @Nullable OAuth2AuthorizationRequest authorizationRequest,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (authorizationRequest == null) {
            expire(request, response);
            return;
        }
        write(request, response, codec.encode(authorizationRequest), LIFETIME);
    }

    @Override
    public @Nullable OAuth2AuthorizationRequest removeAuthorizationRequest(
            HttpServletRequest request, HttpServletResponse response) {
        var stored = loadAuthorizationRequest(request);
        if (cookieValue(request) != null) {
            expire(request, response);
        }
        return stored;
    }

    private static @Nullable String cookieValue(HttpServletRequest request) {
        var cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    private static void expire(HttpServletRequest request, HttpServletResponse response) {
        write(request, response, "", Duration.ZERO);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, String value, Duration maxAge) {
        var cookie = ResponseCookie.from(COOKIE, value)
                .path("/")
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .maxAge(maxAge)
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private static boolean sameState(String given, @Nullable String stored) {
        return stored != null
                && MessageDigest.isEqual(
                        given.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
    }
}
