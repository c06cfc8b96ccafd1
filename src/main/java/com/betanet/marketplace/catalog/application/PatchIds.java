package com.betanet.marketplace.catalog.application;

import com.betanet.marketplace.shared.Ids;
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
        var id = Ids.parse(raw);
        if (id.isEmpty()) {
            patch.reject(field, "Must be an id");
        }
        return id;
    }
}
