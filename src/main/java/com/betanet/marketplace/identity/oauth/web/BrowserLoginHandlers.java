package com.betanet.marketplace.identity.oauth.web;

import com.betanet.marketplace.identity.application.AuthResponse;
import com.betanet.marketplace.identity.oauth.OAuthSignInService;
import com.betanet.marketplace.shared.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The end of the browser flow: the browser goes to {@code MARKETPLACE_FRONTEND_URL}{@value #CALLBACK_PATH} with the
 * outcome in the URL fragment, which browsers never send to a server (so the tokens stay out of our, the front end's
 * and any proxy's access logs, and out of Referer headers):
 *
 * <ul>
 *   <li>{@code #accessToken=…&refreshToken=…&tokenType=Bearer&expiresIn=…} on success;
 *   <li>{@code #error=<code>&errorDescription=…} on failure, the code one of {@code invalid_state} (no, an expired
 *       or a different pending request: a forged or replayed callback), {@code access_denied} (the person declined
 *       at the provider), {@code unknown_provider}, {@code invalid_oauth_token}, {@code oauth_provider_unavailable},
 *       {@code email_unverified_account_exists}, {@code provider_already_linked}, {@code account_suspended},
 *       {@code rate_limited}.
 * </ul>
 */
final class BrowserLoginHandlers implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

    static final String CALLBACK_PATH = "/oauth/callback";

    private static final Logger log = LoggerFactory.getLogger(BrowserLoginHandlers.class);
    // Codes our own checks raise, passed on as they are.
    private static final Set<String> OWN_CODES = Set.of(
            "unknown_provider",
            "invalid_oauth_token",
            "oauth_provider_unavailable",
            "email_unverified_account_exists",
            "provider_already_linked",
            "account_suspended",
            "rate_limited");

    private final OAuthSignInService signIn;
    private final String callbackUrl;

    BrowserLoginHandlers(OAuthSignInService signIn, String frontendUrl) {
        this.signIn = signIn;
        var base = frontendUrl.endsWith("/") ? frontendUrl.substring(0, frontendUrl.length() - 1) : frontendUrl;
        this.callbackUrl = base + CALLBACK_PATH;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        if (!(authentication.getPrincipal() instanceof ProviderUser user)) {
            throw new IllegalStateException("Unexpected principal " + authentication.getPrincipal());
        }
        AuthResponse tokens;
        try {
            tokens = signIn.signIn(user.identity());
        } catch (ApiException refused) {
            fail(response, refused.code(), String.valueOf(refused.getMessage()));
            return;
        }
        redirect(
                response,
                "accessToken=" + encode(tokens.accessToken())
                        + "&refreshToken=" + encode(tokens.refreshToken())
                        + "&tokenType=" + encode(tokens.tokenType())
                        + "&expiresIn=" + tokens.expiresIn());
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        var code = code(exception);
        log.info("Browser sign-in failed ({}): {}", code, exception.getMessage());
        fail(response, code, description(code));
    }

    /** Our code for a failure of Spring's OAuth2 client or of our own checks. */
    static String code(AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth) {
            var code = oauth.getError().getErrorCode();
            if (OWN_CODES.contains(code)) {
                return code;
            }
            return switch (code) {
                case "authorization_request_not_found", "invalid_state_parameter", "invalid_request" -> "invalid_state";
                case "access_denied" -> "access_denied";
                case "client_registration_not_found" -> "unknown_provider";
                // the token endpoint could not be reached or gave no usable answer
                case "invalid_token_response" -> "oauth_provider_unavailable";
                default -> "invalid_oauth_token";
            };
        }
        // The redirect filter could not make the authorization request: Spring's resolver refuses a registration id
        // it does not know with an IllegalArgumentException (InvalidClientRegistrationIdException, not public).
        if (exception.getCause() instanceof IllegalArgumentException) {
            return "unknown_provider";
        }
        return "invalid_oauth_token";
    }

    private static String description(String code) {
        return switch (code) {
            case "invalid_state" -> "The sign-in expired or did not start here; please try again";
            case "access_denied" -> "Sign-in was cancelled at the provider";
            case "unknown_provider" -> "Sign-in with this provider is not available";
            case "oauth_provider_unavailable" -> "The provider could not be reached; please try again shortly";
            case "rate_limited" -> "Too many sign-in attempts; please wait a minute";
            default -> "The provider's answer could not be verified";
        };
    }

    private void fail(HttpServletResponse response, String code, String description) throws IOException {
        redirect(response, "error=" + encode(code) + "&errorDescription=" + encode(description));
    }

    private void redirect(HttpServletResponse response, String fragment) throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.sendRedirect(callbackUrl + "#" + fragment);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
