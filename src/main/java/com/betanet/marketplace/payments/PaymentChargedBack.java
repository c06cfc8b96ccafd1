package com.betanet.marketplace.payments;

import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * The payer's bank decided a chargeback against us: the provider took {@code amount} of a succeeded payment back.
 * The money is gone; whoever sold the reference closes what it sold (ordering: the checkout's orders still in escrow
 * or frozen by the dispute become REFUNDED, their holds voided) and then books the loss with
 * {@link PaymentsApi#bookChargeback}, which takes it out of the reference's escrow and, for any part the escrow no
 * longer holds (a seller already paid), out of the platform's account.
 */
public record PaymentChargedBack(
        UUID paymentId,
        PaymentPurpose purpose,
        UUID referenceId,
        UUID payerId,
        Money amount,
        String reason,
        Instant at) {}
