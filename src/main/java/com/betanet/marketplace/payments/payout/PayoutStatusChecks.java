package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.application.PendingRequestChecks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@link PendingRequestChecks} of payouts: a B2C request that never reached the provider is sent; one that was
 * sent but has no answer (lost result, queue timeout) gets a Transaction Status query.
 */
@Component
public class PayoutStatusChecks extends PendingRequestChecks<Payout> {

    private final PayoutStore store;
    private final PayoutSender sender;

    PayoutStatusChecks(
            PayoutStore store,
            PayoutSender sender,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.payouts.status-after}") String statusAfter) {
        super(transactionManager, clock, statusAfter, "payouts");
        this.store = store;
        this.sender = sender;
    }

    @Scheduled(fixedDelayString = "PT60S", initialDelayString = "PT60S")
    void scheduled() {
        checkDue();
    }

    @Override
    protected List<Payout> claimDue(Instant now, Instant nextCheck, int limit) {
        return store.claimDue(now, nextCheck, limit);
    }

    @Override
    protected void lookAfter(Payout payout) {
        if (payout.sentAt() == null) {
            sender.send(payout.id());
        } else {
            sender.askStatus(payout.id());
        }
    }
}
