package com.betanet.marketplace.ledger.internal;

import com.betanet.marketplace.ledger.AccountKey;
import java.util.Comparator;

/** One account row: an account key in one currency. */
record AccountRef(AccountKey key, String currency) {

    /** The order in which missing accounts are created, so two calls creating the same ones wait, not deadlock. */
    static final Comparator<AccountRef> CREATION_ORDER = Comparator.comparing(
                    (AccountRef ref) -> ref.key().type())
            .thenComparing(ref -> ref.key().owner())
            .thenComparing(AccountRef::currency);
}
