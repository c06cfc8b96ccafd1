package com.betanet.marketplace.identity.oauth.web;

import com.betanet.marketplace.identity.oauth.ProviderIdentity;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The browser flow's principal between the provider's callback and our sign-in: the verified provider identity. It
 * grants nothing by itself; the success handler turns it into our own tokens and nothing is stored.
 */
final class ProviderUser implements OidcUser {

    private final ProviderIdentity identity;
    private final @Nullable OidcIdToken idToken;

    ProviderUser(ProviderIdentity identity, @Nullable OidcIdToken idToken) {
        this.identity = identity;
        this.idToken = idToken;
    }

    ProviderIdentity identity() {
        return identity;
    }

    @Override
    public Map<String, Object> getClaims() {
        return idToken == null ? Map.of() : idToken.getClaims();
    }

    @Override
    public @Nullable OidcUserInfo getUserInfo() {
        return null;
    }

    /** Only Google's flow is OpenID Connect; Facebook's and X's principals have no ID token. */
    @Override
    public @Nullable OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of("sub", identity.subject());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of();
    }

    @Override
    public String getName() {
        return identity.provider().id() + ":" + identity.subject();
    }
}
