package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.shared.web.PatchDocument;
import java.util.Optional;
import java.util.UUID;

/** Reads ids out of merge-patch text fields, strictly. */
final class PatchIds {

    private PatchIds() {}

    /**
     * A UUID in its canonical 36-character form ({@link UUID#fromString} alone also takes "1-2-3-4-5"); anything else
     * is recorded as an error on {@code field}.
     */
    static Optional<UUID> parse(PatchDocument patch, String field, String raw) {
        if (raw.length() == 36) {
            try {
                return Optional.of(UUID.fromString(raw));
            } catch (IllegalArgumentException e) {
                // recorded below
            }
        }
        patch.reject(field, "Must be an id");
        return Optional.empty();
    }
}
