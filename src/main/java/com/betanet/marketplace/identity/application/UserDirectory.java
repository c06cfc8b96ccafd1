package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.shared.TextChecks;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding people by username or name, for the search box of the apps: prefixes first, then typo-tolerant trigram
 * matches (pg_trgm; served by the gin indexes on {@code lower(username)} and {@code lower(full_name)}). Suspended
 * accounts are left out; emails are never part of the answer.
 */
@Service
public class UserDirectory {

    public static final int MAX_QUERY = 100;

    // Score: an exact username beats a username prefix, which beats a name that has a word starting with the query;
    // within each tier, the closer trigram match comes first. Rounded so the keyset compares exact values.
    private static final String SEARCH = """
            select id, username, full_name, avatar_key, score
              from (select u.id, u.username, u.full_name, u.avatar_key,
                           round((case when lower(u.username) = :q then 4 else 0 end
                                + case when lower(u.username) like :prefix then 2 else 0 end
                                + case when lower(u.full_name) like :prefix or lower(u.full_name) like :wordPrefix
                                       then 1 else 0 end
                                + greatest(word_similarity(:q, lower(u.username)),
                                           word_similarity(:q, lower(u.full_name))))::numeric, 4) as score
                      from users u
                     where u.suspended_at is null
                       and (lower(u.username) like :prefix
                            or lower(u.full_name) like :prefix
                            or lower(u.full_name) like :wordPrefix
                            or :q <% lower(u.username)
                            or :q <% lower(u.full_name))) hits
             where cast(:afterScore as numeric) is null
                or (hits.score, hits.id) < (cast(:afterScore as numeric), cast(:afterId as uuid))
             order by hits.score desc, hits.id desc
             limit :limit
            """;

    private final JdbcClient jdbc;
    private final CursorCodec cursors;
    private final UserViews views;

    UserDirectory(JdbcClient jdbc, CursorCodec cursors, UserViews views) {
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.views = views;
    }

    /** Where the previous page ended; tied to its query so a cursor cannot be replayed against another one. */
    record Position(
            @Nullable String q,
            @Nullable BigDecimal score,
            @Nullable UUID id) {}

    private record Row(
            UUID id,
            String username,
            String fullName,
            @Nullable String avatarKey,
            BigDecimal score) {}

    @Transactional(readOnly = true)
    public Page<UserSummary> search(String rawQuery, PageRequest page) {
        var q = rawQuery.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty() || TextChecks.length(q) > MAX_QUERY || TextChecks.hasControlCharacters(q)) {
            throw ApiException.validation("q", "Must be 1 to " + MAX_QUERY + " characters of text");
        }
        var after = cursors.decodeFor(
                page.cursor(),
                Position.class,
                position -> q.equals(position.q()) && position.score() != null && position.id() != null);
        var prefix = escapeLike(q) + "%";
        var rows = jdbc.sql(SEARCH)
                .param("q", q)
                .param("prefix", prefix)
                .param("wordPrefix", "% " + prefix)
                .param("afterScore", after == null ? null : after.score())
                .param("afterId", after == null ? null : after.id())
                .param("limit", page.fetchSize())
                .query((rs, row) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getString("username"),
                        rs.getString("full_name"),
                        rs.getString("avatar_key"),
                        rs.getBigDecimal("score")))
                .list();
        return Page.of(rows, page.limit(), last -> cursors.encode(new Position(q, last.score(), last.id())))
                .map(row -> new UserSummary(row.id(), row.username(), row.fullName(), views.mediaUrl(row.avatarKey())));
    }

    /** The query is matched literally: LIKE's wildcards in it (a username may contain '_') are escaped. */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
