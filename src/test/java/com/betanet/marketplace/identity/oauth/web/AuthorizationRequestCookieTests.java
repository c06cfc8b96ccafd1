package com.betanet.marketplace.identity.oauth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import tools.jackson.databind.json.JsonMapper;

class AuthorizationRequestCookieTests {

    static final Instant NOW = Instant.parse("2026-11-27T14:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().build();

    final OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
            .authorizationUri("https://accounts.google.com/o/oauth2/v2/auth")
            .clientId("client-1")
            .redirectUri("https://api.betanet.example/login/oauth2/code/google")
            .scopes(Set.of("openid", "email"))
            .state("state-123")
            .additionalParameters(Map.of("nonce", "hashed-nonce", "code_challenge", "challenge"))
            .attributes(Map.of("registration_id", "google", "code_verifier", "verifier-xyz", "nonce", "raw-nonce"))
            .build();

    @Test
    void anotherNodeWithTheSameSecretReadsTheRequestBack() {
        var value = codec("secret", NOW).encode(request);

        var back = codec("secret", NOW.plusSeconds(60)).decode(value);

        assertThat(back).isNotNull();
        assertThat(back.getState()).isEqualTo("state-123");
        assertThat(back.getRedirectUri()).isEqualTo(request.getRedirectUri());
        assertThat(back.getScopes()).containsExactlyInAnyOrder("openid", "email");
        assertThat((String) back.getAttribute("code_verifier")).isEqualTo("verifier-xyz");
        assertThat((String) back.getAttribute("registration_id")).isEqualTo("google");
        assertThat(back.getAdditionalParameters()).containsEntry("nonce", "hashed-nonce");
        assertThat(value).doesNotContain("verifier-xyz").doesNotContain("state-123");
    }

    @Test
    void refusesAlteredForeignAndExpiredValues() {
        var value = codec("secret", NOW).encode(request);
        var altered = value.substring(0, 30) + (value.charAt(30) == 'A' ? 'B' : 'A') + value.substring(31);

        assertThat(codec("secret", NOW).decode(altered)).isNull();
        assertThat(codec("another-secret", NOW).decode(value)).isNull();
        assertThat(codec("secret", NOW.plus(Duration.ofMinutes(11))).decode(value))
                .isNull();
        assertThat(codec("secret", NOW).decode("not base64 !")).isNull();
        assertThat(codec("secret", NOW).decode("")).isNull();
    }

    @Test
    void theRepositoryHandsTheRequestOnlyToTheCallbackWithItsStateAndSpendsTheCookie() {
        var codec = codec("secret", NOW);
        var repository = new CookieAuthorizationRequestRepository(codec);
        var start = new MockHttpServletRequest("GET", "/oauth2/authorization/google");
        var startResponse = new MockHttpServletResponse();
        repository.saveAuthorizationRequest(request, start, startResponse);
        var cookie = startResponse.getCookie(CookieAuthorizationRequestRepository.COOKIE);
        assertThat(cookie).isNotNull();

        var wrongState = callback(cookie.getValue(), "state-999");
        var wrongResponse = new MockHttpServletResponse();
        assertThat(repository.removeAuthorizationRequest(wrongState, wrongResponse))
                .isNull();
        assertThat(wrongResponse.getHeader("Set-Cookie")).contains("Max-Age=0");

        var right = callback(cookie.getValue(), "state-123");
        var rightResponse = new MockHttpServletResponse();
        assertThat(repository.removeAuthorizationRequest(right, rightResponse)).isNotNull();
        assertThat(rightResponse.getHeader("Set-Cookie")).contains("Max-Age=0");
    }

    private static MockHttpServletRequest callback(String cookieValue, String state) {
        var callback = new MockHttpServletRequest("GET", "/login/oauth2/code/google");
        callback.setCookies(new jakarta.servlet.http.Cookie(CookieAuthorizationRequestRepository.COOKIE, cookieValue));
        callback.setParameter("state", state);
        return callback;
    }

    private static AuthorizationRequestCodec codec(String secret, Instant now) {
        return new AuthorizationRequestCodec(
                secret, "", JSON, Clock.fixed(now, ZoneOffset.UTC), CookieAuthorizationRequestRepository.LIFETIME);
    }
}
