package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.payments.payout.B2cGateway.SendResult;
import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Talks to the B2C provider after the transactions that recorded a payout (or its queue timeout) committed. No
 * database transaction is open during a provider call. A B2C request is sent at most once: the right to send it is
 * claimed and committed first; only a request that surely never reached the provider is sent again later.
 */
@Component
class PayoutSender {

    private static final Logger log = LoggerFactory.getLogger(PayoutSender.class);

    private final PayoutStore store;
    private final B2cGateways gateways;
    private final PayoutCallbacks callbacks;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration statusAfter;
    private final Duration retryAfter;

    PayoutSender(
            PayoutStore store,
            B2cGateways gateways,
            PayoutCallbacks callbacks,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.payouts.status-after}") String statusAfter,
            @Value("${marketplace.payments.payouts.retry-after}") String retryAfter) {
        this.store = store;
        this.gateways = gateways;
        this.callbacks = callbacks;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.statusAfter = DurationStyle.detectAndParse(statusAfter);
        this.retryAfter = DurationStyle.detectAndParse(retryAfter);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PayoutRequested requested) {
        send(requested.payoutId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PayoutStatusQueryRequested requested) {
        askStatus(requested.payoutId());
    }

    /** Sends the payout's B2C request, unless it was handed to the provider before or is no longer PENDING. */
    void send(UUID payoutId) {
        var claimedAt = now();
        var claimed = transactions.execute(tx -> store.claimSend(payoutId, claimedAt, claimedAt.plus(statusAfter)));
        if (!Boolean.TRUE.equals(claimed)) {
            return;
        }
        var payout = store.find(payoutId).orElseThrow();
        var gateway = gateways.of(payout.provider());
        var result = gateway.send(payout);
        if (result instanceof SendResult.Accepted accepted) {
            transactions.executeWithoutResult(tx -> store.accepted(payoutId, accepted.conversationId(), now()));
            gateway.accepted(payout);
            log.info("Payout {} accepted by {} as {}", payoutId, payout.provider(), accepted.conversationId());
        } else if (result instanceof SendResult.Refused refused) {
            callbacks.refused(payoutId, refused.reason());
        } else if (result instanceof SendResult.Unavailable unavailable) {
            var now = now();
            transactions.executeWithoutResult(tx -> store.unsent(payoutId, now.plus(retryAfter), now));
            log.warn(
                    "Payout {} could not reach {} ({}); sent again later",
                    payoutId,
                    payout.provider(),
                    unavailable.reason());
        } else if (result instanceof SendResult.Unknown unknown) {
            log.warn(
                    "Payout {} sent to {} with no definite answer ({}); a status query settles it",
                    payoutId,
                    payout.provider(),
                    unknown.reason());
        }
    }

    /** Asks the provider how a sent, still PENDING payout ended; the answer arrives as a status result. */
    void askStatus(UUID payoutId) {
        var payout = store.find(payoutId).orElseThrow();
        if (payout.status() != PayoutStatus.PENDING || payout.sentAt() == null) {
            return;
        }
        try {
            gateways.of(payout.provider()).askStatus(payout);
            log.info("Status of payout {} asked of {}", payoutId, payout.provider());
        } catch (ProviderRefusedException | ProviderOutcomeUnknownException notAsked) {
            // the status job asks again at the payout's next check
            log.warn("Could not ask {} about payout {}: {}", payout.provider(), payoutId, notAsked.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
