package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.token.SigningKeys;
import com.betanet.marketplace.identity.token.TokenProperties;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.HttpTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Access tokens an attacker could make: each is refused with 401, {@code WWW-Authenticate: Bearer} and a problem
 * body. A token signed with the real key proves that the claims used here are otherwise acceptable, so every refusal
 * below is due to the one thing that was forged.
 */
class ForgedTokenTests extends HttpTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    TokenProperties tokens;

    Accounts.Session user;

    @BeforeEach
    void setUp() {
        user = Accounts.buyer(api);
    }

    @Test
    void aTokenSignedWithTheRealKeyIsAccepted() throws Exception {
        var token = sign(JWSAlgorithm.RS256, new RSASSASigner(keys.signingKey()), keys.keyId(), claims().build());

        var response = callWith(token);

        assertThat(response.status()).as(response.toString()).isEqualTo(204);
        assertThat(callWith(user.accessToken()).status()).isEqualTo(204);
    }

    @TestFactory
    Stream<DynamicTest> forgedTokensAreRefusedWith401() throws Exception {
        var attackerKey = new RSAKeyGenerator(2048).keyID(keys.keyId()).generate();
        var publicKeyDer = keys.signingKey().toRSAPublicKey().getEncoded();
        var publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(publicKeyDer) + "\n-----END PUBLIC KEY-----\n";
        var realSigner = new RSASSASigner(keys.signingKey());
        var now = Instant.now();

        var forged = new LinkedHashMap<String, String>();
        forged.put("alg none", new PlainJWT(claims().build()).serialize());
        forged.put("alg none with the real token's signature", withHeader(user.accessToken(), "{\"alg\":\"none\"}"));
        forged.put(
                "alg NONE with kid",
                withHeader(user.accessToken(), "{\"alg\":\"NONE\",\"kid\":\"" + keys.keyId() + "\"}"));
        forged.put(
                "HS256 signed with the public key (DER)",
                sign(JWSAlgorithm.HS256, new MACSigner(publicKeyDer), keys.keyId(), claims().build()));
        forged.put(
                "HS256 signed with the public key (PEM text)",
                sign(
                        JWSAlgorithm.HS256,
                        new MACSigner(publicKeyPem.getBytes(StandardCharsets.US_ASCII)),
                        keys.keyId(),
                        claims().build()));
        forged.put(
                "RS256 with another key and the real kid",
                sign(JWSAlgorithm.RS256, new RSASSASigner(attackerKey), keys.keyId(), claims().build()));
        forged.put(
                "RS256 with another key and no kid",
                sign(JWSAlgorithm.RS256, new RSASSASigner(attackerKey), null, claims().build()));
        forged.put("RS256 with another key embedded as jwk header", embeddedJwk(attackerKey, claims().build()));
        forged.put(
                "RS512 with the real key (an algorithm we do not accept)",
                sign(JWSAlgorithm.RS512, realSigner, keys.keyId(), claims().build()));
        forged.put(
                "expired an hour ago",
                sign(
                        JWSAlgorithm.RS256,
                        realSigner,
                        keys.keyId(),
                        claims().issueTime(Date.from(now.minus(Duration.ofHours(2))))
                                .expirationTime(Date.from(now.minus(Duration.ofHours(1))))
                                .build()));
        forged.put(
                "wrong issuer",
                sign(
                        JWSAlgorithm.RS256,
                        realSigner,
                        keys.keyId(),
                        claims().issuer("https://issuer.example").build()));
        forged.put(
                "no issuer",
                sign(
                        JWSAlgorithm.RS256,
                        realSigner,
                        keys.keyId(),
                        claims().issuer(null).build()));
        forged.put("payload changed to roles ADMIN", withRoles(user.accessToken(), List.of("ADMIN", "BUYER")));
        forged.put("garbage", "garbage");
        forged.put("three garbage parts", "a.b.c");
        forged.put(
                "truncated signature",
                user.accessToken().substring(0, user.accessToken().length() - 10));

        return forged.entrySet().stream()
                .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> assertRefused(callWith(entry.getValue()))));
    }

    @Test
    void aTokenWithRolesChangedToAdminCannotDoAdminWork() {
        var target = Accounts.buyer(api.fromAnotherIp());
        var tampered = withRoles(user.accessToken(), List.of("ADMIN", "BUYER"));

        var response = api.post("/api/v1/admin/users/" + target.id() + "/suspend")
                .bearer(tampered)
                .send();

        assertRefused(response);
        Accounts.login(api.fromAnotherIp(), target.email(), null); // not suspended
    }

    @Test
    void aRequestWithoutBearerCredentialsIsRefusedTheSameWay() {
        var basic = api.post("/api/v1/auth/logout")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes()))
                .json(Map.of("refreshToken", "x"))
                .send();
        var none = api.post("/api/v1/auth/logout")
                .json(Map.of("refreshToken", "x"))
                .send();

        assertRefused(basic);
        assertRefused(none);
    }

    private Api.Response callWith(String token) {
        return api.post("/api/v1/auth/logout")
                .bearer(token)
                .json(Map.of("refreshToken", "not-a-real-token"))
                .send();
    }

    private static void assertRefused(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value)
                        .startsWith("Bearer")
                        // our words, not the token library's
                        .doesNotContain("Jwt")
                        .doesNotContain("decode"));
        // a bearer token that was sent and refused says so (RFC 6750); no bearer token, no error code
        boolean bearerSent = response.raw()
                .request()
                .headers()
                .firstValue("Authorization")
                .filter(authorization -> authorization.startsWith("Bearer "))
                .isPresent();
        assertThat(response.headers("WWW-Authenticate"))
                .as("one challenge, not two")
                .hasSize(1);
        assertThat(response.header("WWW-Authenticate").orElseThrow())
                .isEqualTo(
                        bearerSent
                                ? "Bearer error=\"invalid_token\", error_description=\"The access token is missing,"
                                        + " invalid or expired\""
                                : "Bearer");
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("application/problem+json"));
        assertThat(response.code()).isEqualTo("unauthorized");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }

    private JWTClaimsSet.Builder claims() {
        var now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(tokens.issuer())
                .subject(user.id().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of("BUYER"))
                .claim("sid", UUID.randomUUID().toString());
    }

    private static String sign(JWSAlgorithm algorithm, JWSSigner signer, @Nullable String kid, JWTClaimsSet claims)
            throws JOSEException {
        var header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
        if (kid != null) {
            header.keyID(kid);
        }
        var jwt = new SignedJWT(header.build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String embeddedJwk(RSAKey attackerKey, JWTClaimsSet claims) throws JOSEException {
        var header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .jwk(attackerKey.toPublicJWK())
                .keyID(attackerKey.getKeyID())
                .build();
        var jwt = new SignedJWT(header, claims);
        jwt.sign(new RSASSASigner(attackerKey));
        return jwt.serialize();
    }

    /** The real token with its header replaced and its signature kept. */
    private static String withHeader(String token, String headerJson) {
        var parts = token.split("\\.");
        return Base64URL.encode(headerJson) + "." + parts[1] + "." + parts[2];
    }

    /** The real token with its payload's roles rewritten and its (now wrong) signature kept. */
    private static String withRoles(String token, List<String> roles) {
        try {
            var parts = token.split("\\.");
            var claims = new JWTClaimsSet.Builder(JWTClaimsSet.parse(new Base64URL(parts[1]).decodeToString()))
                    .claim("roles", roles)
                    .build();
            return parts[0] + "." + Base64URL.encode(claims.toString()) + "." + parts[2];
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
