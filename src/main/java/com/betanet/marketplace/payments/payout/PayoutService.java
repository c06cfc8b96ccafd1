package com.betanet.marketplace.payments.payout;

import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.mpesa.InvalidMpesaPhoneNumberException;
import com.betanet.marketplace.payments.mpesa.MpesaPhoneNumbers;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates payouts: the payout row and the ledger hold of its money (wallet → payouts in flight) in one transaction,
 * the caller's; the B2C request goes out after it commits ({@link PayoutRequested}, {@link PayoutSender}), never
 * inside it.
 */
@Service
public class PayoutService {

    private static final Logger log = LoggerFactory.getLogger(PayoutService.class);
    private static final String MPESA_CURRENCY = "KES";

    private final PayoutStore store;
    private final Ledger ledger;
    private final B2cGateways gateways;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String currency;
    private final Duration retryAfter;

    PayoutService(
            PayoutStore store,
            Ledger ledger,
            B2cGateways gateways,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${marketplace.currency}") String currency,
            @Value("${marketplace.payments.payouts.retry-after}") String retryAfter) {
        this.store = store;
        this.ledger = ledger;
        this.gateways = gateways;
        this.events = events;
        this.clock = clock;
        this.currency = currency;
        this.retryAfter = DurationStyle.detectAndParse(retryAfter);
    }

    /**
     * Pays {@code amount} minor units of {@code currency} of the caller's available wallet balance out to
     * {@code phoneNumber}. 409 {@code insufficient_funds} (nothing written) when the wallet cannot cover it.
     */
    @Transactional
    public Payout request(
            CurrentUser caller, long amount, String currency, PayoutMethod method, @Nullable String phoneNumber) {
        var phone = normalisedPhone(phoneNumber);
        var money = payable(amount, currency);
        var now = now();
        var id = Ids.newId();
        var payout = new Payout(
                id,
                caller.id(),
                money,
                method,
                gateways.current(),
                phone,
                PayoutStatus.PENDING,
                id.toString(),
                null,
                null,
                null,
                null,
                now,
                now);
        // if the B2C request is not sent right after commit (a crash, a failed listener), the status job sends it
        store.insert(payout, now.plus(retryAfter));
        ledger.hold(new Transfer(
                payout.holdTransferId(),
                payout.wallet(),
                payout.inFlight(),
                money,
                "PAYOUT",
                "PAYOUT",
                id,
                "Payout to M-Pesa " + phone));
        events.publishEvent(new PayoutRequested(id));
        log.info("Payout {} of {} for user {} recorded ({})", id, money, caller.id(), payout.provider());
        return payout;
    }

    /** The payout if it is the caller's; anyone else's is 404. */
    public Payout view(CurrentUser caller, UUID payoutId) {
        return store.find(payoutId)
                .filter(payout -> payout.userId().equals(caller.id()))
                .orElseThrow(PayoutErrors::payoutNotFound);
    }

    private Money payable(long amount, String requestedCurrency) {
        if (amount <= 0) {
            throw PayoutErrors.amountNotPositive();
        }
        if (!currency.equals(requestedCurrency)) {
            throw PayoutErrors.amountNotPayable("Payouts are made in " + currency);
        }
        if (!MPESA_CURRENCY.equals(requestedCurrency)) {
            throw PayoutErrors.amountNotPayable("M-Pesa pays Kenyan shillings only");
        }
        if (PaymentMethod.MPESA.cannotMove(amount) != 0) {
            throw PayoutErrors.amountNotPayable("M-Pesa pays whole shillings only");
        }
        return Money.of(amount, requestedCurrency);
    }

    /** The MSISDN Daraja expects; a number it cannot take is 400 {@code validation_failed} on phoneNumber. */
    private static String normalisedPhone(@Nullable String phoneNumber) {
        try {
            return MpesaPhoneNumbers.normalise(phoneNumber);
        } catch (InvalidMpesaPhoneNumberException invalid) {
            throw ApiException.validation(InvalidMpesaPhoneNumberException.FIELD, invalid.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
