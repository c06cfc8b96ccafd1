package com.betanet.marketplace.identity.token;

import com.betanet.marketplace.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens grouped in families (one family per sign-in). Each refresh spends the presented token and
 * issues the next one of the family; a spent token that comes back means it was stolen or replayed, so the whole
 * family is revoked. Only SHA-256 hashes are stored. Every state change is one conditional SQL statement, so two
 * concurrent refreshes of one token cannot both succeed.
 */
@Component
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TokenProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, TokenProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** What presenting a refresh token led to. */
    public sealed interface Rotation {
        record Rotated(UUID userId, UUID familyId, String refreshToken) implements Rotation {}

        record Reused(UUID userId) implements Rotation {}

        record Invalid() implements Rotation {}
    }

    /** Starts a new family (a new sign-in) and returns its first token. */
    public Issued startFamily(UUID userId) {
        var familyId = Ids.newId();
        jdbc.sql("insert into refresh_token_families (id, user_id, created_at) values (?, ?, ?)")
                .params(familyId, userId, Timestamp.from(clock.instant()))
                .update();
        return new Issued(familyId, issue(familyId));
    }

    public record Issued(UUID familyId, String refreshToken) {}

    /**
     * Spends {@code token} and issues its successor. Must run in a transaction; on {@link Rotation.Reused} the
     * family has been revoked in that transaction, which the caller must let commit.
     */
    public Rotation rotate(String token) {
        var hash = hash(token);
        var now = Timestamp.from(clock.instant());
        Optional<UUID> spentFamily = jdbc.sql("""
                        update refresh_tokens t set spent_at = :now
                          from refresh_token_families f
                         where t.token_hash = :hash and t.family_id = f.id
                           and t.spent_at is null and t.expires_at > :now and f.revoked_at is null
                        returning t.family_id
                        """)
                .param("now", now)
                .param("hash", hash)
                .query(UUID.class)
                .optional();
        if (spentFamily.isPresent()) {
            var familyId = spentFamily.get();
            var userId = familyOwner(familyId);
            return new Rotation.Rotated(userId, familyId, issue(familyId));
        }
        var previous = jdbc.sql("""
                        select t.family_id, f.user_id, t.spent_at is not null as spent, f.revoked_at is not null as revoked
                          from refresh_tokens t join refresh_token_families f on f.id = t.family_id
                         where t.token_hash = ?
                        """)
                .param(hash)
                .query((rs, row) -> new Presented(
                        rs.getObject("family_id", UUID.class),
                        rs.getObject("user_id", UUID.class),
                        rs.getBoolean("spent"),
                        rs.getBoolean("revoked")))
                .optional();
        if (previous.isPresent() && previous.get().spent()) {
            revokeFamily(previous.get().familyId(), "REUSE");
            return new Rotation.Reused(previous.get().userId());
        }
        return new Rotation.Invalid();
    }

    private record Presented(UUID familyId, UUID userId, boolean spent, boolean revoked) {}

    /** The user {@code token} was issued to, whatever its state now (spent, expired, revoked), when it is known. */
    public Optional<UUID> ownerOf(String token) {
        return jdbc.sql("""
                        select f.user_id from refresh_tokens t join refresh_token_families f on f.id = t.family_id
                         where t.token_hash = ?
                        """).param(hash(token)).query(UUID.class).optional();
    }

    /** The owner of the family that {@code token} belongs to, when the token is known. */
    public Optional<UUID> familyOf(String token, UUID userId) {
        return jdbc.sql("""
                        select t.family_id from refresh_tokens t join refresh_token_families f on f.id = t.family_id
                         where t.token_hash = ? and f.user_id = ?
                        """).params(hash(token), userId).query(UUID.class).optional();
    }

    public void revokeFamily(UUID familyId, String reason) {
        jdbc.sql(
                        "update refresh_token_families set revoked_at = ?, revoked_reason = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), reason, familyId)
                .update();
    }

    /** Revokes every live sign-in of the user except {@code keep} (the caller's own), e.g. after a password change. */
    public int revokeAllFamilies(UUID userId, @Nullable UUID keep, String reason) {
        return jdbc.sql("""
                        update refresh_token_families set revoked_at = :now, revoked_reason = :reason
                         where user_id = :user and revoked_at is null
                           and (cast(:keep as uuid) is null or id <> cast(:keep as uuid))
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("reason", reason)
                .param("user", userId)
                .param("keep", keep)
                .update();
    }

    private UUID familyOwner(UUID familyId) {
        return jdbc.sql("select user_id from refresh_token_families where id = ?")
                .param(familyId)
                .query(UUID.class)
                .single();
    }

    private String issue(UUID familyId) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant();
        jdbc.sql("insert into refresh_tokens (token_hash, family_id, issued_at, expires_at) values (?, ?, ?, ?)")
                .params(
                        hash(token),
                        familyId,
                        Timestamp.from(now),
                        Timestamp.from(now.plus(properties.refreshTokenTtl())))
                .update();
        return token;
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
