package com.betanet.marketplace.ordering;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;

/** A buyer's checkout exists and holds stock until {@code expiresAt} unless it is paid. */
public record CheckoutCreated(UUID checkoutId, UUID buyerId, Money total, Instant expiresAt) {}
