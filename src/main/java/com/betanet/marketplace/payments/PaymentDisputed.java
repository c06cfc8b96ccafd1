package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * The payer's bank disputes a succeeded payment (a card chargeback): the provider may take {@code amount} back. The
 * payment is flagged for an admin; whoever sold the reference holds its money (no release to a seller) until an admin
 * decides (ordering: the checkout's orders still in escrow become DISPUTED).
 */
public record PaymentDisputed(
        UUID paymentId,
        PaymentPurpose purpose,
        UUID referenceId,
        UUID payerId,
        Money amount,
        String reason,
        Instant at) {}
