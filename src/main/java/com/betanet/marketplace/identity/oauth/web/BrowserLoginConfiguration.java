package com.betanet.marketplace.identity.oauth.web;

import com.betanet.marketplace.identity.application.AuthRateLimits;
import com.betanet.marketplace.identity.oauth.OAuthProperties;
import com.betanet.marketplace.identity.oauth.OAuthProvider;
import com.betanet.marketplace.identity.oauth.OAuthSignInService;
import com.betanet.marketplace.identity.oauth.ProviderIdentity;
import com.betanet.marketplace.identity.oauth.ProviderTokens;
import com.betanet.marketplace.shared.ratelimit.ClientAddresses;
import com.betanet.marketplace.shared.ratelimit.RateLimiter;
import com.betanet.marketplace.shared.security.StatelessChains;
import com.betanet.marketplace.shared.web.ApiException;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.client.RestClient;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser sign-in: {@code GET /oauth2/authorization/{provider}} sends the browser to the provider
 * (authorization code with PKCE S256, a random {@code state}, for Google also an OIDC nonce), the provider sends it
 * back to {@code /login/oauth2/code/{provider}}, and {@link BrowserLoginHandlers} sends it on to the front end with
 * our tokens in the URL fragment. The pending request lives in an encrypted cookie, never in an HTTP session, so any
 * node can finish the flow; nothing about the sign-in is kept on the server afterwards.
 *
 * <p>This filter chain matches only {@code /oauth2/**} and {@code /login/oauth2/**} and is ordered before the API's
 * chain, whose catch-all for paths outside {@code /api} would otherwise take these requests. The provider's answer is
 * checked exactly as in the token exchange: Google's ID token by the same decoder, Facebook's and X's access tokens by
 * the same {@code debug_token} and {@code /2/users/me} calls.
 *
 * <p>A provider is offered only when it is configured: Google and Facebook need client id and secret, X its client id
 * (without a secret it is a public client that relies on PKCE alone).
 */
@Configuration(proxyBeanMethods = false)
class BrowserLoginConfiguration {

    static final String AUTHORIZATION_BASE = "/oauth2/authorization";
    static final String CALLBACK = "/login/oauth2/code/*";

    @Bean
    ClientRegistrationRepository oauthClientRegistrations(OAuthProperties properties) {
        return new ProviderRegistrations(registrations(properties));
    }

    /** Google's ID tokens from the code exchange are checked by the token exchange's decoder (one JWKS cache). */
    @Bean
    JwtDecoderFactory<ClientRegistration> oidcIdTokenDecoderFactory(ProviderTokens tokens) {
        return registration -> tokens.googleIdTokenDecoder();
    }

    @Bean
    @Order(1) // before the API chain, which has no order and so comes last
    SecurityFilterChain browserLogin(
            HttpSecurity http,
            ClientRegistrationRepository registrations,
            ProviderTokens tokens,
            OAuthSignInService signIn,
            OAuthProperties properties,
            RateLimiter limiter,
            AuthRateLimits limits,
            JsonMapper json,
            Clock clock,
            @Value("${marketplace.frontend-url}") String frontendUrl,
            @Value("${marketplace.jwt.private-key:}") String jwtPrivateKey)
            throws Exception {
        var handlers = new BrowserLoginHandlers(signIn, frontendUrl);
        var requests = new CookieAuthorizationRequestRepository(new AuthorizationRequestCodec(
                properties.cookieSecret(), jwtPrivateKey, json, clock, CookieAuthorizationRequestRepository.LIFETIME));
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // no CSRF token: the state parameter, bound to the cookie, is this flow's
        StatelessChains.stateless(http.securityMatcher("/oauth2/**", "/login/oauth2/**"))
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .oauth2Login(login -> login.clientRegistrationRepository(registrations)
                        .authorizedClientRepository(new NoAuthorizedClients())
                        .securityContextRepository(new NullSecurityContextRepository())
                        .authorizationEndpoint(endpoint -> endpoint.baseUri(AUTHORIZATION_BASE)
                                .authorizationRequestRepository(requests)
                                .authorizationRequestResolver(resolver))
                        .redirectionEndpoint(endpoint -> endpoint.baseUri(CALLBACK))
                        .tokenEndpoint(endpoint ->
                                endpoint.accessTokenResponseClient(tokenClient(properties.providerTimeout())))
                        .userInfoEndpoint(userInfo ->
                                userInfo.oidcUserService(googleUsers(tokens)).userService(accessTokenUsers(tokens)))
                        .successHandler(handlers)
                        .failureHandler(handlers)
                        // an unknown provider in /oauth2/authorization/{provider} ends at the front end too
                        .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                            @Override
                            public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(handlers);
                                return filter;
                            }
                        }))
                .addFilterBefore(
                        new CallbackRateLimit(limiter, limits, handlers),
                        OAuth2AuthorizationRequestRedirectFilter.class);
        return http.build();
    }

    /** The two browser endpoints are filters, not controllers: described here so the OpenAPI document has them. */
    @Bean
    OpenApiCustomizer browserLoginDocumentation() {
        return openApi -> openApi.path(
                        AUTHORIZATION_BASE + "/{provider}",
                        new PathItem()
                                .get(new Operation()
                                        .addTagsItem("Auth")
                                        .operationId("startBrowserSignIn")
                                        .summary("Browser sign-in: go to the provider")
                                        .description("Redirects the browser to Google, Facebook or X (authorization"
                                                + " code with PKCE, a random state) and sets a short-lived encrypted"
                                                + " cookie with the pending request. The flow ends with a redirect to"
                                                + " MARKETPLACE_FRONTEND_URL" + BrowserLoginHandlers.CALLBACK_PATH
                                                + "#accessToken=…&refreshToken=…&tokenType=Bearer&expiresIn=…, or"
                                                + " #error=<code>&errorDescription=… (codes: invalid_state,"
                                                + " access_denied, unknown_provider, invalid_oauth_token,"
                                                + " oauth_provider_unavailable, email_unverified_account_exists,"
                                                + " provider_already_linked, account_suspended, rate_limited).")
                                        .addParametersItem(providerParameter())
                                        .responses(new ApiResponses()
                                                .addApiResponse(
                                                        "302",
                                                        new ApiResponse()
                                                                .description("To the provider, or to the front end"
                                                                        + " with #error=unknown_provider")))))
                .path(
                        "/login/oauth2/code/{provider}",
                        new PathItem()
                                .get(new Operation()
                                        .addTagsItem("Auth")
                                        .operationId("finishBrowserSignIn")
                                        .summary("Browser sign-in: the provider's callback (not called by clients)")
                                        .addParametersItem(providerParameter())
                                        .responses(new ApiResponses()
                                                .addApiResponse(
                                                        "302",
                                                        new ApiResponse()
                                                                .description("To the front end with our tokens or an"
                                                                        + " error in the URL fragment")))));
    }

    private static Parameter providerParameter() {
        return new Parameter()
                .in("path")
                .name("provider")
                .required(true)
                .schema(new StringSchema()._enum(List.of("google", "facebook", "twitter")));
    }

    static List<ClientRegistration> registrations(OAuthProperties properties) {
        var base = properties.redirectBaseUrl().isBlank() ? "{baseUrl}" : trimSlash(properties.redirectBaseUrl());
        var redirectUri = base + "/login/oauth2/code/{registrationId}";
        var registrations = new ArrayList<ClientRegistration>();
        var google = properties.google();
        if (google.browserFlowEnabled()) {
            registrations.add(ClientRegistration.withRegistrationId(OAuthProvider.GOOGLE.id())
                    .clientName("Google")
                    .clientId(google.clientId())
                    .clientSecret(google.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirectUri)
                    .scope("openid", "email", "profile")
                    .authorizationUri(google.authorizationUri())
                    .tokenUri(google.tokenUri())
                    .jwkSetUri(google.jwkSetUri())
                    .issuerUri(google.issuer())
                    .userNameAttributeName(IdTokenClaimNames.SUB)
                    .build());
        }
        var facebook = properties.facebook();
        if (facebook.enabled()) {
            registrations.add(ClientRegistration.withRegistrationId(OAuthProvider.FACEBOOK.id())
                    .clientName("Facebook")
                    .clientId(facebook.appId())
                    .clientSecret(facebook.appSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirectUri)
                    .scope("email", "public_profile")
                    .authorizationUri(facebook.authorizationUri())
                    .tokenUri(trimSlash(facebook.graphBaseUrl()) + "/oauth/access_token")
                    .userNameAttributeName("id")
                    .build());
        }
        var twitter = properties.twitter();
        if (twitter.enabled()) {
            var confidential = !twitter.clientSecret().isBlank();
            registrations.add(ClientRegistration.withRegistrationId(OAuthProvider.TWITTER.id())
                    .clientName("X")
                    .clientId(twitter.clientId())
                    .clientSecret(confidential ? twitter.clientSecret() : null)
                    .clientAuthenticationMethod(
                            confidential
                                    ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                                    : ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirectUri)
                    .scope("users.read", "tweet.read")
                    .authorizationUri(twitter.authorizationUri())
                    .tokenUri(trimSlash(twitter.apiBaseUrl()) + "/2/oauth2/token")
                    .userNameAttributeName("id")
                    .build());
        }
        return registrations;
    }

    /** Google: the ID token was checked by our decoder (and its nonce by Spring); read who it names. */
    private static OAuth2UserService<OidcUserRequest, OidcUser> googleUsers(ProviderTokens tokens) {
        return request -> new ProviderUser(
                checked(() -> tokens.googleIdentity(request.getIdToken().getClaims())), request.getIdToken());
    }

    /** Facebook and X: the access token from the code exchange goes through the token exchange's checks. */
    private static OAuth2UserService<OAuth2UserRequest, OAuth2User> accessTokenUsers(ProviderTokens tokens) {
        return request -> {
            var provider = OAuthProvider.byId(request.getClientRegistration().getRegistrationId())
                    .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("unknown_provider")));
            return new ProviderUser(
                    checked(() ->
                            tokens.verify(provider, request.getAccessToken().getTokenValue())),
                    null);
        };
    }

    /** Our refusals as Spring's authentication failures, so they end at the failure handler and not in a 500. */
    private static ProviderIdentity checked(Supplier<ProviderIdentity> check) {
        try {
            return check.get();
        } catch (ApiException refused) {
            throw new OAuth2AuthenticationException(
                    new OAuth2Error(refused.code(), refused.getMessage(), null), refused.getMessage(), refused);
        }
    }

    /** The code exchange with the same time bounds as every other call to a provider. */
    private static RestClientAuthorizationCodeTokenResponseClient tokenClient(Duration timeout) {
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(timeout).build());
        factory.setReadTimeout(timeout);
        var client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(RestClient.builder()
                .requestFactory(factory)
                .configureMessageConverters(converters -> {
                    converters.addCustomConverter(new FormHttpMessageConverter());
                    converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        return client;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The configured providers; unlike Spring's in-memory repository it may be empty (nothing configured). */
    static final class ProviderRegistrations implements ClientRegistrationRepository, Iterable<ClientRegistration> {

        private final Map<String, ClientRegistration> byId;

        ProviderRegistrations(List<ClientRegistration> registrations) {
            this.byId = registrations.stream()
                    .collect(Collectors.toUnmodifiableMap(ClientRegistration::getRegistrationId, r -> r));
        }

        @Override
        public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
            return byId.get(registrationId);
        }

        @Override
        public Iterator<ClientRegistration> iterator() {
            return byId.values().iterator();
        }
    }

    /**
     * The provider's tokens are used once, to identify the person, and never again: nothing is kept (Spring would
     * otherwise keep every authorized client in memory, per node, for ever).
     */
    static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

        @Override
        public <T extends org.springframework.security.oauth2.client.OAuth2AuthorizedClient> @Nullable
                T loadAuthorizedClient(
                        String clientRegistrationId,
                        org.springframework.security.core.Authentication principal,
                        HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                org.springframework.security.oauth2.client.OAuth2AuthorizedClient authorizedClient,
                org.springframework.security.core.Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}

        @Override
        public void removeAuthorizedClient(
                String clientRegistrationId,
                org.springframework.security.core.Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}
    }

    /**
     * Callbacks (where accounts are made) count against the same per-address limit as the other sign-in endpoints;
     * over it, the browser lands on the front end with {@code error=rate_limited}.
     */
    static final class CallbackRateLimit extends OncePerRequestFilter {

        private static final RequestMatcher CALLBACKS =
                PathPatternRequestMatcher.withDefaults().matcher(CALLBACK);

        private final RateLimiter limiter;
        private final AuthRateLimits limits;
        private final BrowserLoginHandlers handlers;

        CallbackRateLimit(RateLimiter limiter, AuthRateLimits limits, BrowserLoginHandlers handlers) {
            this.limiter = limiter;
            this.limits = limits;
            this.handlers = handlers;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !CALLBACKS.matches(request);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var decision = limiter.tryAcquire(limits.perAddress(), ClientAddresses.key(request.getRemoteAddr()));
            if (!decision.allowed()) {
                handlers.onAuthenticationFailure(
                        request, response, new OAuth2AuthenticationException(new OAuth2Error("rate_limited")));
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
