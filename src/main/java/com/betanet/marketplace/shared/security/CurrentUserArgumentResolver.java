package com.betanet.marketplace.shared.security;

import com.betanet.marketplace.shared.web.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers declare a {@link CurrentUser} parameter (a request without a valid token gets 401), or an {@code
 * Optional<CurrentUser>} one on endpoints that anonymous callers may use too.
 */
class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    static final String ROLES_CLAIM = "roles";
    static final String SESSION_CLAIM = "sid";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        if (CurrentUser.class.equals(parameter.getParameterType())) {
            return true;
        }
        return Optional.class.equals(parameter.getParameterType())
                && CurrentUser.class.equals(parameter.nestedIfOptional().getNestedParameterType());
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        var user = current();
        if (Optional.class.equals(parameter.getParameterType())) {
            return Optional.ofNullable(user);
        }
        if (user == null) {
            throw ApiException.unauthorized("Authentication required");
        }
        return user;
    }

    /** The caller of the current request, or {@code null} when it carries no valid access token. */
    static @Nullable CurrentUser current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return fromJwt(token.getToken());
        }
        return null;
    }

    static CurrentUser fromJwt(Jwt jwt) {
        var roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList(ROLES_CLAIM);
        if (claimed != null) {
            for (var role : claimed) {
                for (var known : Role.values()) {
                    if (known.name().equals(role)) {
                        roles.add(known);
                    }
                }
            }
        }
        var sid = jwt.getClaimAsString(SESSION_CLAIM);
        return new CurrentUser(UUID.fromString(jwt.getSubject()), roles, sid == null ? null : UUID.fromString(sid));
    }
}
