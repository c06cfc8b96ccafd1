package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.domain.User;
import com.betanet.marketplace.shared.TextChecks;
import com.betanet.marketplace.shared.security.Role;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts as admins look after them: found by any part of their email, username or name, filtered by status and
 * role, newest first; with what a moderator needs (email, roles, suspension) and nothing secret.
 */
@Service
public class AdminUsers {

    /** Whether an account may sign in. */
    public enum AccountStatus {
        ACTIVE,
        SUSPENDED
    }

    /** An account for an admin. */
    public record AdminUserView(
            UUID id,
            @Nullable String email,
            boolean emailVerified,
            String username,
            String fullName,
            @Nullable String phoneNumber,
            @Nullable String shopName,
            List<Role> roles,
            AccountStatus status,
            @Nullable Instant suspendedAt,
            @Nullable String avatarUrl,
            Instant createdAt) {}

    /** The filters, as the query string gives them; {@code q} already trimmed and lower-cased. */
    public record Filter(
            @Nullable String q,
            @Nullable AccountStatus status,
            @Nullable Role role) {}

    /** A cursor remembers its filters: one is refused with others (its position would mean nothing there). */
    record ListCursor(
            @Nullable Filter filter,
            @Nullable Instant createdAt,
            @Nullable UUID id) {}

    private final JdbcClient jdbc;
    private final CursorCodec cursors;
    private final UserViews views;

    AdminUsers(JdbcClient jdbc, CursorCodec cursors, UserViews views) {
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.views = views;
    }

    /** Accounts matching the filters, newest first. */
    @Transactional(readOnly = true)
    public Page<AdminUserView> list(
            @Nullable String rawQuery, @Nullable AccountStatus status, @Nullable Role role, PageRequest page) {
        var filter = new Filter(query(rawQuery), status, role);
        var after = cursors.decodeFor(
                page.cursor(),
                ListCursor.class,
                position -> filter.equals(position.filter()) && position.createdAt() != null && position.id() != null);
        var sql = new StringBuilder("""
                select id, email, email_verified, username, full_name, phone_number, shop_name, seller, admin,
                       suspended_at, avatar_key, created_at
                  from users
                 where true""");
        var params = new ArrayList<Object>();
        if (filter.q() != null) {
            // any part of the email, username or name (the trigram indexes serve it from three characters on)
            sql.append("\n   and (lower(email) like ? or lower(username) like ? or lower(full_name) like ?)");
            var pattern = "%" + UserDirectory.escapeLike(filter.q()) + "%";
            params.addAll(List.of(pattern, pattern, pattern));
        }
        if (filter.status() != null) {
            sql.append(
                    filter.status() == AccountStatus.SUSPENDED
                            ? "\n   and suspended_at is not null"
                            : "\n   and suspended_at is null");
        }
        if (filter.role() == Role.SELLER) {
            sql.append("\n   and seller");
        } else if (filter.role() == Role.ADMIN) {
            sql.append("\n   and admin");
        }
        if (after != null) {
            sql.append("\n   and (created_at, id) < (?, ?)");
            params.add(Timestamp.from(after.createdAt()));
            params.add(after.id());
        }
        sql.append("\n order by created_at desc, id desc limit ?");
        params.add(page.fetchSize());
        var rows = jdbc.sql(sql.toString()).params(params).query(this::row).list();
        return Page.of(rows, page.limit(), user -> cursors.encode(new ListCursor(filter, user.createdAt(), user.id())));
    }

    private AdminUserView row(ResultSet rs, int rowNumber) throws SQLException {
        var suspendedAt = rs.getTimestamp("suspended_at");
        return new AdminUserView(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getBoolean("email_verified"),
                rs.getString("username"),
                rs.getString("full_name"),
                rs.getString("phone_number"),
                rs.getString("shop_name"),
                List.copyOf(User.roles(rs.getBoolean("seller"), rs.getBoolean("admin"))),
                suspendedAt == null ? AccountStatus.ACTIVE : AccountStatus.SUSPENDED,
                suspendedAt == null ? null : suspendedAt.toInstant(),
                views.mediaUrl(rs.getString("avatar_key")),
                rs.getTimestamp("created_at").toInstant());
    }

    private static @Nullable String query(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var q = raw.strip().toLowerCase(Locale.ROOT);
        if (TextChecks.length(q) > UserDirectory.MAX_QUERY || TextChecks.hasControlCharacters(q)) {
            throw ApiException.validation("q", "Must be at most " + UserDirectory.MAX_QUERY + " characters of text");
        }
        return q;
    }
}
