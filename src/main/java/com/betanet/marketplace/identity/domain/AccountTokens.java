package com.betanet.marketplace.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one-time tokens behind mailed links (table {@code account_tokens}). The raw token exists only in the mail;
 * the table keeps its SHA-256. Redeeming is a single conditional update, so a token works once even when two
 * requests present it at the same moment. Callers run these in their transaction, so a redemption whose effect
 * fails (say, the new address was taken meanwhile) is rolled back with it.
 */
@Component
public class AccountTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A token that was just spent: whose it is, what for, and (for an email change) the address to switch to. */
    public record Redeemed(
            UUID userId, TokenPurpose purpose, @Nullable String newEmail) {}

    /** Creates a token valid for the purpose's lifetime and returns the raw value to put in the link. */
    public String issue(UUID userId, TokenPurpose purpose, @Nullable String newEmail) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var now = clock.instant();
        jdbc.sql("""
                        insert into account_tokens (token_hash, user_id, purpose, new_email, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        hash(token),
                        userId,
                        purpose.name(),
                        newEmail,
                        Timestamp.from(now),
                        Timestamp.from(now.plus(purpose.validity())))
                .update();
        return token;
    }

    /** Spends a live token of one of the given purposes; empty when it is unknown, spent, expired or of another kind. */
    public Optional<Redeemed> redeem(String token, Collection<TokenPurpose> purposes) {
        return jdbc.sql("""
                        update account_tokens set used_at = :now
                         where token_hash = :hash and used_at is null and expires_at > :now
                           and purpose in (:purposes)
                        returning user_id, purpose, new_email
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("hash", hash(token))
                .param("purposes", purposes.stream().map(Enum::name).toList())
                .query((rs, row) -> new Redeemed(
                        rs.getObject("user_id", UUID.class),
                        TokenPurpose.valueOf(rs.getString("purpose")),
                        rs.getString("new_email")))
                .optional();
    }

    /** Kills every live token of the user with one of the given purposes (e.g. older reset links after a reset). */
    public int revokeAll(UUID userId, Collection<TokenPurpose> purposes) {
        return jdbc.sql("""
                        update account_tokens set used_at = :now
                         where user_id = :user and used_at is null and purpose in (:purposes)
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("user", userId)
                .param("purposes", purposes.stream().map(Enum::name).toList())
                .update();
    }

    /** How many tokens of this purpose the user was sent since {@code since}: caps how often a mail can be sent. */
    public int issuedSince(UUID userId, TokenPurpose purpose, Instant since) {
        return jdbc.sql("""
                        select count(*) from account_tokens
                         where user_id = ? and purpose = ? and created_at > ?
                        """)
                .params(userId, purpose.name(), Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    /** Deletes tokens that expired before {@code cutoff}; they can no longer do anything. */
    public int purgeExpiredBefore(Instant cutoff) {
        return jdbc.sql("delete from account_tokens where expires_at < ?")
                .param(Timestamp.from(cutoff))
                .update();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
