package com.betanet.marketplace.payments.application;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@link PendingRequestChecks} of refunds: sent again when they never reached the provider, else asked about. */
@Component
public class RefundStatusChecks extends PendingRequestChecks<PaymentStore.DueRefund> {

    private final PaymentStore store;
    private final RefundSender sender;

    RefundStatusChecks(
            PaymentStore store,
            RefundSender sender,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.refunds.status-after}") String statusAfter) {
        super(transactionManager, clock, statusAfter, "refunds");
        this.store = store;
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "PT60S", initialDelayString = "PT60S")
    void scheduled() {
        checkDue();
    }

    @Override
    protected List<PaymentStore.DueRefund> claimDue(Instant now, Instant nextCheck, int limit) {
        return store.claimDueRefunds(now, nextCheck, limit);
    }

    @Override
    protected void lookAfter(PaymentStore.DueRefund refund) {
        if (refund.sent()) {
            sender.check(refund.id());
        } else {
            sender.send(refund.id());
        }
    }
}
