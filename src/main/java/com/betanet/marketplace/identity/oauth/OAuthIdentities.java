package com.betanet.marketplace.identity.oauth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code oauth_identities} table: which account a provider identity signs in to. */
@Repository
class OAuthIdentities {

    private final JdbcClient jdbc;

    OAuthIdentities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A user's identity at one provider. */
    record Linked(
            OAuthProvider provider,
            String subject,
            @Nullable String email,
            Instant linkedAt,
            Instant lastUsedAt) {}

    Optional<UUID> userOf(OAuthProvider provider, String subject) {
        return jdbc.sql("select user_id from oauth_identities where provider = ? and subject = ?")
                .param(provider.id())
                .param(subject)
                .query(UUID.class)
                .optional();
    }

    /** Links; a second link of the identity, or of the user to this provider, breaks a unique key. */
    void link(UUID userId, ProviderIdentity identity, @Nullable String email, Instant now) {
        jdbc.sql("""
                        insert into oauth_identities (provider, subject, user_id, email, linked_at, last_used_at)
                        values (?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        identity.provider().id(),
                        identity.subject(),
                        userId,
                        email,
                        Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    void markUsed(OAuthProvider provider, String subject, Instant now) {
        jdbc.sql("update oauth_identities set last_used_at = ? where provider = ? and subject = ?")
                .params(Timestamp.from(now), provider.id(), subject)
                .update();
    }

    boolean hasProvider(UUID userId, OAuthProvider provider) {
        return jdbc.sql("select count(*) > 0 from oauth_identities where user_id = ? and provider = ?")
                .params(userId, provider.id())
                .query(Boolean.class)
                .single();
    }

    List<Linked> ofUser(UUID userId) {
        return jdbc.sql("""
                        select provider, subject, email, linked_at, last_used_at
                          from oauth_identities where user_id = ? order by linked_at, provider
                        """)
                .param(userId)
                .query((rs, row) -> new Linked(
                        OAuthProvider.byId(rs.getString("provider")).orElseThrow(),
                        rs.getString("subject"),
                        rs.getString("email"),
                        rs.getTimestamp("linked_at").toInstant(),
                        rs.getTimestamp("last_used_at").toInstant()))
                .list();
    }

    boolean unlink(UUID userId, OAuthProvider provider) {
        return jdbc.sql("delete from oauth_identities where user_id = ? and provider = ?")
                        .params(userId, provider.id())
                        .update()
                > 0;
    }
}
