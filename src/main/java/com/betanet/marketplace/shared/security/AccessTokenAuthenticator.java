package com.betanet.marketplace.shared.security;

import com.betanet.marketplace.shared.web.ApiException;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Authenticates an access token that arrives outside the HTTP filter chain (a STOMP CONNECT frame, say) exactly as a
 * request's bearer token is: verified by the same {@link JwtDecoder}, the same authorities, then every
 * {@link AccessTokenCheck} (suspended accounts are refused here too). The authentication's name is the user id.
 */
@Component
public class AccessTokenAuthenticator {

    private final JwtDecoder decoder;
    private final ObjectProvider<AccessTokenCheck> checks;

    AccessTokenAuthenticator(JwtDecoder decoder, ObjectProvider<AccessTokenCheck> checks) {
        this.decoder = decoder;
        this.checks = checks;
    }

    /**
     * The verified caller of {@code token}; 401 {@code unauthorized} for a forged, expired or malformed token, or the
     * refusal of an {@link AccessTokenCheck} (403 {@code account_suspended}, …).
     */
    public JwtAuthenticationToken authenticate(String token) {
        JwtAuthenticationToken authentication;
        try {
            authentication = (JwtAuthenticationToken)
                    ApiSecurityConfiguration.jwtConverter().convert(decoder.decode(token));
        } catch (JwtException | IllegalArgumentException invalid) {
            throw ApiException.unauthorized("The access token is missing, invalid or expired");
        }
        var user = currentUser(authentication);
        for (var check : checks) {
            check.check(user);
        }
        return authentication;
    }

    /**
     * {@code userId}'s account changed on another node (suspended, say): every {@link AccessTokenCheck} forgets what it
     * remembers of it, so this node refuses the account's tokens at once rather than when its memory expires.
     */
    public void accountChanged(UUID userId) {
        for (var check : checks) {
            check.forget(userId);
        }
    }

    /** The {@link CurrentUser} an authentication returned by {@link #authenticate} stands for. */
    public static CurrentUser currentUser(JwtAuthenticationToken authentication) {
        return CurrentUserArgumentResolver.fromJwt(authentication.getToken());
    }
}
