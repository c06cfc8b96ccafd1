package com.betanet.marketplace.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The RSA key that signs access tokens, with a {@code kid} derived from the public key (its RFC 7638 thumbprint).
 * In production it comes from {@code MARKETPLACE_JWT_PRIVATE_KEY} so that every node signs with the same key; in
 * development it is generated once and kept in the data directory so tokens survive restarts.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final String KEY_FILE = "jwt-signing-key.pem";

    private final RSAKey signingKey;

    private SigningKeys(RSAKey signingKey) {
        this.signingKey = signingKey;
    }

    public static SigningKeys fromPem(String pem) {
        var normalized = pem.replace("\\n", "\n").strip();
        RSAPrivateCrtKey privateKey;
        try {
            privateKey = (RSAPrivateCrtKey) RsaKeyConverters.pkcs8()
                    .convert(new ByteArrayInputStream(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("MARKETPLACE_JWT_PRIVATE_KEY is not a PKCS#8 PEM RSA private key", e);
        }
        try {
            var publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            var withoutKid =
                    new RSAKey.Builder(publicKey).privateKey(privateKey).build();
            return new SigningKeys(new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(withoutKid.computeThumbprint().toString())
                    .build());
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the development key from {@code directory}, generating and saving it on first use. */
    public static SigningKeys fromDirectory(Path directory) {
        var file = directory.resolve(KEY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(directory);
                var generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                var pair = generator.generateKeyPair();
                var pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                var temporary = Files.createTempFile(directory, "jwt", ".tmp");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's permissions protect it
                }
                Files.writeString(temporary, pem);
                try {
                    Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(temporary); // another process wrote it first: use theirs
                }
                log.info("Generated a development JWT signing key at {}", file.toAbsolutePath());
            }
            return fromPem(Files.readString(file));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot load or create the JWT signing key in " + directory, e);
        }
    }

    public RSAKey signingKey() {
        return signingKey;
    }

    public String keyId() {
        return signingKey.getKeyID();
    }

    /** The public half only, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }

    static Set<JWSAlgorithm> algorithms() {
        return Set.of(JWSAlgorithm.RS256);
    }
}
