package com.betanet.marketplace.ledger;

import com.betanet.marketplace.shared.Money;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One movement of money from {@code debit} to {@code credit}. {@code id} is derived from the business event that
 * causes it ({@link #idFor}), so a retried job or a duplicated webhook cannot move money twice. {@code code} says
 * what kind of movement it is ({@code PAYMENT}, {@code ORDER_SETTLEMENT}, {@code COMMISSION}, {@code REFUND},
 * {@code PAYOUT}, …); {@code referenceType}/{@code referenceId} name the business object (CHECKOUT, ORDER, PAYMENT,
 * PAYOUT, CAMPAIGN, APPLICATION) shown to users in their wallet entries.
 */
public record Transfer(
        UUID id,
        AccountKey debit,
        AccountKey credit,
        Money amount,
        String code,
        String referenceType,
        UUID referenceId,
        @Nullable String description) {

    public Transfer {
        if (amount.amount() <= 0) {
            throw new IllegalArgumentException("A transfer moves a positive amount, not " + amount);
        }
        if (debit.equals(credit)) {
            throw new IllegalArgumentException("A transfer needs two different accounts");
        }
    }

    /** The deterministic transfer id of a business event, e.g. {@code idFor("order-completed:" + orderId)}. */
    public static UUID idFor(String businessKey) {
        return UUID.nameUUIDFromBytes(("betanet-transfer:" + businessKey).getBytes(StandardCharsets.UTF_8));
    }
}
