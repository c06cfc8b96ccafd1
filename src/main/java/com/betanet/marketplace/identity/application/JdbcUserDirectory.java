package com.betanet.marketplace.identity.application;

import com.betanet.marketplace.identity.UserDirectory;
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

    JdbcUserDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
}
