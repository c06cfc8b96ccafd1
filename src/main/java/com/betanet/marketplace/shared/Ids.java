package com.betanet.marketplace.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * New ids are time-ordered UUIDs (version 7): unique without coordination, yet they land at the end of B-tree indexes
 * like a sequence does, which keeps inserts cheap and index pages dense.
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {}

    public static UUID newId() {
        return newId(Clock.systemUTC());
    }

    /** The UUID {@code text} spells in canonical form (36 characters), or empty for anything else. */
    public static Optional<UUID> parse(String text) {
        return CANONICAL.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    static UUID newId(Clock clock) {
        long millis = clock.millis();
        long randomA = RANDOM.nextInt(1 << 12);
        long mostSignificant = (millis << 16) | 0x7000L | randomA;
        long leastSignificant = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
