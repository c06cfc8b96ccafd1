package com.betanet.marketplace.identity.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.betanet.marketplace.media.TestImages;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.OAuthTestServers;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * What the providers say, in their documented wire formats: Google ID tokens signed by the in-process OpenID provider,
 * Facebook's {@code debug_token} and {@code /me} answers and X's {@code /2/users/me} through WireMock, and profile
 * pictures. Every fixture uses values unique to the call, so tests never see each other's stubs.
 */
final class ProviderFixtures {

    private ProviderFixtures() {}

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static String uniqueEmail() {
        return unique("social") + "@example.com";
    }

    // ---- Google ----

    /** The claims of a valid Google ID token for us: issuer, audience, subject, verified email, name, picture. */
    static Map<String, Object> googleClaims(String subject, @Nullable String email, boolean emailVerified) {
        var claims = new LinkedHashMap<String, Object>();
        claims.put("iss", OAuthTestServers.googleIssuer());
        claims.put("aud", OAuthTestServers.GOOGLE_CLIENT_ID);
        claims.put("azp", OAuthTestServers.GOOGLE_CLIENT_ID);
        claims.put("sub", subject);
        if (email != null) {
            claims.put("email", email);
            claims.put("email_verified", emailVerified);
        }
        claims.put("name", "Amina Wanjiru");
        claims.put("given_name", "Amina");
        claims.put("family_name", "Wanjiru");
        return claims;
    }

    /** Signed by the provider's Google key (the one its JWKS publishes), expiring in an hour. */
    static String googleIdToken(Map<String, Object> claims) {
        return googleIdToken(claims, Duration.ofHours(1));
    }

    static String googleIdToken(Map<String, Object> claims, Duration expiresIn) {
        return OAuthTestServers.google()
                .getConfig()
                .getTokenProvider()
                .jwt(claims, expiresIn, OAuthTestServers.GOOGLE_ISSUER_ID)
                .serialize();
    }

    /** A fresh RSA key; with {@code keyId} "google" it poses as the provider's key without being it. */
    static RSAKey rsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String signedWith(RSAKey key, Map<String, Object> claims) {
        var now = Instant.now();
        var builder = new JWTClaimsSet.Builder()
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
        claims.forEach(builder::claim);
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                builder.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    // ---- Facebook ----

    /** {@code debug_token} for a valid user token of our app, and {@code /me} with the person's profile. */
    static void facebookUser(
            String token, String userId, String name, @Nullable String email, @Nullable String picture) {
        facebookDebugToken(token, """
                {"data": {"app_id": "%s", "type": "USER", "application": "Betanet Marketplace",
                          "data_access_expires_at": %d, "expires_at": %d, "is_valid": true,
                          "issued_at": %d, "scopes": ["email", "public_profile"], "user_id": "%s"}}
                """.formatted(
                        OAuthTestServers.FACEBOOK_APP_ID,
                        Instant.now().plus(Duration.ofDays(90)).getEpochSecond(),
                        Instant.now().plus(Duration.ofHours(2)).getEpochSecond(),
                        Instant.now().getEpochSecond(),
                        userId));
        var me = new StringBuilder("{\"id\": \"" + userId + "\", \"name\": \"" + name + "\"");
        if (email != null) {
            me.append(", \"email\": \"").append(email).append('"');
        }
        if (picture != null) {
            me.append(", \"picture\": {\"data\": {\"height\": 50, \"is_silhouette\": false, \"url\": \"")
                    .append(picture)
                    .append("\", \"width\": 50}}");
        }
        me.append('}');
        OAuthTestServers.wireMock()
                .stubFor(get(urlPathEqualTo("/graph/me"))
                        .withQueryParam("access_token", equalTo(token))
                        .withQueryParam("fields", equalTo("id,name,email,picture"))
                        .withQueryParam("appsecret_proof", equalTo(appSecretProof(token)))
                        .willReturn(okJson(me.toString())));
    }

    /** {@code debug_token} answering {@code json} (200) for this user token, asked with our app token. */
    static void facebookDebugToken(String token, String json) {
        OAuthTestServers.wireMock()
                .stubFor(get(urlPathEqualTo("/graph/debug_token"))
                        .withQueryParam("input_token", equalTo(token))
                        .withQueryParam(
                                "access_token",
                                equalTo(OAuthTestServers.FACEBOOK_APP_ID + "|" + OAuthTestServers.FACEBOOK_APP_SECRET))
                        .willReturn(okJson(json)));
    }

    static void facebookDebugTokenFails(String token, int status, String json, int delayMillis) {
        OAuthTestServers.wireMock()
                .stubFor(get(urlPathEqualTo("/graph/debug_token"))
                        .withQueryParam("input_token", equalTo(token))
                        .willReturn(aResponse()
                                .withStatus(status)
                                .withHeader("Content-Type", "application/json")
                                .withFixedDelay(delayMillis)
                                .withBody(json)));
    }

    static String appSecretProof(String token) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(
                    OAuthTestServers.FACEBOOK_APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- X ----

    /** {@code GET /2/users/me} with this bearer token answers the person (as X documents the response). */
    static void xUser(String token, String id, String name, String username, @Nullable String profileImageUrl) {
        var picture = profileImageUrl == null ? "" : ", \"profile_image_url\": \"" + profileImageUrl + "\"";
        xAnswers(token, 200, """
                {"data": {"id": "%s", "name": "%s", "username": "%s"%s}}
                """.formatted(id, name, username, picture), 0);
    }

    static void xAnswers(String token, int status, String json, int delayMillis) {
        OAuthTestServers.wireMock()
                .stubFor(get(urlPathEqualTo("/x/2/users/me"))
                        .withHeader("Authorization", equalTo("Bearer " + token))
                        .willReturn(aResponse()
                                .withStatus(status)
                                .withHeader("Content-Type", "application/json")
                                .withFixedDelay(delayMillis)
                                .withBody(json)));
    }

    // ---- pictures ----

    /** Serves a PNG at a fresh path; returns its URL. */
    static String picture() {
        var path = "/pictures/" + unique("p") + ".png";
        OAuthTestServers.wireMock()
                .stubFor(get(urlPathEqualTo(path))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "image/png")
                                .withBody(TestImages.png(300, 300, false))));
        return OAuthTestServers.wireMockUrl() + path;
    }

    /** Serves something else than an image at a fresh path. */
    static String notAPicture(int status, byte[] body) {
        var path = "/pictures/" + unique("bad");
        OAuthTestServers.wireMock()
                .stubFor(get(urlPathEqualTo(path))
                        .willReturn(aResponse().withStatus(status).withBody(body)));
        return OAuthTestServers.wireMockUrl() + path;
    }

    // ---- our API ----

    /** A session from a sign-in answer (the account may have no email, so not {@code Accounts.Session}). */
    record Session(UUID id, String accessToken, String refreshToken) {}

    static Session session(Api.Response signIn) {
        if (signIn.status() != 200) {
            throw new AssertionError("sign-in failed: " + signIn);
        }
        var body = signIn.json();
        return new Session(
                UUID.fromString(body.get("user").get("id").asString()),
                body.get("accessToken").asString(),
                body.get("refreshToken").asString());
    }

    static Api.Response signIn(Api api, String provider, String token) {
        return api.post("/api/v1/auth/oauth/" + provider)
                .json(Map.of("token", token))
                .send();
    }
}
