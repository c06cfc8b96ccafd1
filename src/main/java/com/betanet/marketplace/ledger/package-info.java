/**
 * The double-entry ledger, modelled on TigerBeetle: accounts with posted and pending debits and credits, transfers
 * with deterministic ids, two-phase (pending → posted or voided) and linked (all or none). Called synchronously
 * inside the caller's transaction; its root package is the API ({@link Ledger}).
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*"})
@NullMarked
package com.betanet.marketplace.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
