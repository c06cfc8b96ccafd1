/**
 * The {@code Idempotency-Key} contract of API.md: the same key and body from the same user within 24 hours replays
 * the first response without doing the work again.
 */
@NullMarked
package com.betanet.marketplace.shared.idempotency;

import org.jspecify.annotations.NullMarked;
