package com.betanet.marketplace.identity.oauth.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a pending authorization request into an opaque cookie value and back: JSON, encrypted and authenticated
 * with AES-256-GCM (a value we did not make, or one that was altered, does not decrypt), with its own expiry. The key
 * is derived from {@code MARKETPLACE_OAUTH_COOKIE_SECRET}, else from the JWT signing key, so that every node can read
 * every other node's cookie; without either it is random per process. The PKCE verifier and the OIDC nonce travel in
 * it, which is why it is encrypted and not only signed.
 */
final class AuthorizationRequestCodec {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationRequestCodec.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] ASSOCIATED_DATA =
            "betanet-oauth2-authorization-request".getBytes(StandardCharsets.UTF_8);

    private final SecretKeySpec key;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    AuthorizationRequestCodec(
            String cookieSecret, String jwtPrivateKey, JsonMapper json, Clock clock, Duration lifetime) {
        var secret = !cookieSecret.isBlank() ? cookieSecret : jwtPrivateKey;
        byte[] material;
        if (secret.isBlank()) {
            material = new byte[32];
            random.nextBytes(material);
            log.info("No OAuth cookie secret configured: a browser sign-in must finish on the node that started it");
        } else {
            material = sha256("betanet-oauth-cookie-v1:" + secret);
        }
        this.key = new SecretKeySpec(material, "AES");
        this.json = json;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** What is kept of an authorization request: enough to rebuild it for the callback. */
    record Stored(
            long expiresAt,
            String authorizationUri,
            String clientId,
            @Nullable String redirectUri,
            List<String> scopes,
            @Nullable String state,
            Map<String, String> parameters,
            Map<String, String> attributes) {}

    String encode(OAuth2AuthorizationRequest request) {
        var stored = new Stored(
                clock.instant().plus(lifetime).getEpochSecond(),
                request.getAuthorizationUri(),
                request.getClientId(),
                request.getRedirectUri(),
                List.copyOf(request.getScopes()),
                request.getState(),
                strings(request.getAdditionalParameters()),
                strings(request.getAttributes()));
        var plain = json.writeValueAsBytes(stored);
        try {
            var iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(ASSOCIATED_DATA);
            var sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The request, or null for a value that is forged, altered, from another key, malformed or expired. */
    @Nullable
    OAuth2AuthorizationRequest decode(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > 8192) {
            return null;
        }
        Stored stored;
        try {
            var bytes = Base64.getUrlDecoder().decode(value);
            if (bytes.length <= IV_BYTES) {
                return null;
            }
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            stored = json.readValue(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), Stored.class);
        } catch (IllegalArgumentException | GeneralSecurityException | JacksonException unreadable) {
            log.debug("OAuth authorization cookie refused: {}", unreadable.toString());
            return null;
        }
        if (Instant.ofEpochSecond(stored.expiresAt()).isBefore(clock.instant())) {
            return null;
        }
        return OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(stored.authorizationUri())
                .clientId(stored.clientId())
                .redirectUri(stored.redirectUri())
                .scopes(new java.util.LinkedHashSet<>(stored.scopes()))
                .state(stored.state())
                .additionalParameters(new LinkedHashMap<String, Object>(stored.parameters()))
                .attributes(new LinkedHashMap<String, Object>(stored.attributes()))
                .build();
    }

    private static Map<String, String> strings(Map<String, Object> values) {
        var copy = new LinkedHashMap<String, String>();
        values.forEach((name, value) -> copy.put(name, String.valueOf(value)));
        return copy;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
