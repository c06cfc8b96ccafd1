package com.betanet.marketplace.identity;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may read about an account: the public face a seller shows next to their products. Deliberately
 * small (no email, no roles), so modules that display people do not reach into identity's internals.
 */
public interface UserDirectory {

    /** The public face of a seller: what a buyer sees next to a product. */
    record SellerSummary(UUID id, String username, @Nullable String shopName) {}

    /** The contract's {@code UserSummary}: how a person appears next to their orders and reviews. Never an email. */
    record UserSummary(
            UUID id,
            String username,
            String fullName,
            @Nullable String avatarUrl) {}

    /** The account's public seller face, or empty when no such account exists. */
    Optional<SellerSummary> seller(UUID userId);

    /** {@link #seller(UUID)} for many accounts in one query; unknown ids are left out of the map. */
    Map<UUID, SellerSummary> sellers(Collection<UUID> userIds);

    /** The {@link UserSummary} of many accounts in one query (lists call it once a page); unknown ids are left out. */
    Map<UUID, UserSummary> summaries(Collection<UUID> userIds);
}
