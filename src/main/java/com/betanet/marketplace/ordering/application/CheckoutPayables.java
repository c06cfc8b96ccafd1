package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.payments.PayableReferences;
import com.betanet.marketplace.payments.PaymentPurpose;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Checkouts as payments sees them: the total to pay, the buyer who may pay it, and whether it still can be. */
@Component
class CheckoutPayables implements PayableReferences {

    private final OrderStore store;
    private final Clock clock;

    CheckoutPayables(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public PaymentPurpose purpose() {
        return PaymentPurpose.CHECKOUT;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Payable> find(UUID checkoutId, UUID payerId) {
        return store.shareLockCheckout(checkoutId, payerId)
                .map(checkout -> new Payable(
                        checkout.id(), checkout.buyerId(), checkout.total(), state(checkout.status(), checkout)));
    }

    private State state(String status, OrderStore.CheckoutRow checkout) {
        return switch (status) {
            case "PAID" -> State.ALREADY_PAID;
            case "EXPIRED" -> State.EXPIRED;
            case "CANCELLED" -> State.CANCELLED;
            default -> checkout.expiresAt().isAfter(clock.instant()) ? State.PAYABLE : State.EXPIRED;
        };
    }
}
