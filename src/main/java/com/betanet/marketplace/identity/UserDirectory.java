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

    /** The account's public seller face, or empty when no such account exists. */
    Optional<SellerSummary> seller(UUID userId);

    /** {@link #seller(UUID)} for many accounts in one query; unknown ids are left out of the map. */
    Map<UUID, SellerSummary> sellers(Collection<UUID> userIds);
}
