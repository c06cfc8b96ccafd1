package com.betanet.marketplace.shared.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a keyset position into an opaque, tamper-proof cursor and back. Cursors are HMAC-signed, so a cursor the
 * server did not issue is refused with 400 instead of reaching a query. The key comes from
 * {@code MARKETPLACE_CURSOR_SECRET}, else is derived from the JWT signing key, so every node accepts every other
 * node's cursors.
 */
@Component
public class CursorCodec {

    private static final Logger log = LoggerFactory.getLogger(CursorCodec.class);
    private static final int TAG_BYTES = 16;

    private final JsonMapper json;
    private final SecretKeySpec key;

    CursorCodec(
            JsonMapper json,
            @Value("${marketplace.cursor-secret:}") String cursorSecret,
            @Value("${marketplace.jwt.private-key:}") String jwtPrivateKey) {
        this.json = json;
        var secret = !cursorSecret.isBlank() ? cursorSecret : jwtPrivateKey;
        byte[] material;
        if (secret.isBlank()) {
            material = new byte[32];
            new SecureRandom().nextBytes(material);
            log.info("No cursor secret configured: cursors issued by this process are valid until it stops");
        } else {
            material = sha256("betanet-cursor-v1:" + secret);
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    public String encode(Object position) {
        var payload = json.writeValueAsBytes(position);
        var encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(payload) + "." + encoder.encodeToString(tag(payload));
    }

    /** Reads a cursor back; a forged, truncated or foreign cursor is a 400 {@code validation_failed}. */
    public <T> T decode(@Nullable String cursor, Class<T> type) {
        if (cursor == null || cursor.length() > 2048) {
            throw invalid();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0) {
            throw invalid();
        }
        try {
            var decoder = Base64.getUrlDecoder();
            var payload = decoder.decode(cursor.substring(0, dot));
            var tag = decoder.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(tag, tag(payload))) {
                throw invalid();
            }
            return json.readValue(payload, type);
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
    }

    /**
     * Reads the cursor of one list, {@code null} when the request has none. A cursor this server issued for another
     * list (another kind, owner or filter: whatever {@code ofThisList} checks) is refused like a forged one, so a
     * cursor only ever continues the walk it came from.
     */
    public <T> @Nullable T decodeFor(@Nullable String cursor, Class<T> type, Predicate<? super T> ofThisList) {
        if (cursor == null) {
            return null;
        }
        var position = decode(cursor, type);
        if (!ofThisList.test(position)) {
            throw ApiException.validation("cursor", "Is not a cursor of this list");
        }
        return position;
    }

    private byte[] tag(byte[] payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException invalid() {
        return ApiException.validation("cursor", "Is not a cursor issued by this server");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
