package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.UserDirectory;
import com.betanet.marketplace.media.MediaService;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the few public columns straight from the table: list pages of other modules ask for many users at once. */
@Component
class JdbcUserDirectory implements UserDirectory {

    private final JdbcClient jdbc;
    private final MediaService media;

    JdbcUserDirectory(JdbcClient jdbc, MediaService media) {
        this.jdbc = jdbc;
        this.media = media;
    }

    @Override
    public Optional<SellerSummary> seller(UUID userId) {
        return Optional.ofNullable(sellers(List.of(userId)).get(userId));
    }

    @Override
    public Map<UUID, SellerSummary> sellers(Collection<UUID> userIds) {
        var found = new HashMap<UUID, SellerSummary>();
        if (userIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select id, username, shop_name from users where id in (:ids)")
                .param("ids", userIds.stream().distinct().toList())
                .query((rs, row) -> new SellerSummary(
                        rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("shop_name")))
                .list()
                .forEach(seller -> found.put(seller.id(), seller));
        return found;
    }

    @Override
    public Map<UUID, UserDirectory.UserSummary> summaries(Collection<UUID> userIds) {
        var found = new HashMap<UUID, UserDirectory.UserSummary>();
        if (userIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select id, username, full_name, avatar_key from users where id in (:ids)")
                .param("ids", userIds.stream().distinct().toList())
                .query((rs, row) -> new UserDirectory.UserSummary(
                        rs.getObject("id", UUID.class),
                        rs.getString("username"),
                        rs.getString("full_name"),
                        media.urlOrNull(rs.getString("avatar_key"))))
                .list()
                .forEach(user -> found.put(user.id(), user));
        return found;
    }
}
