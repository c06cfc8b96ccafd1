package com.betanet.marketplace.payments.application;

import com.betanet.marketplace.payments.PayableReferences;
import com.betanet.marketplace.payments.PaymentFailed;
import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.mpesa.InvalidMpesaPhoneNumberException;
import com.betanet.marketplace.payments.mpesa.MpesaPhoneNumbers;
import com.betanet.marketplace.payments.provider.PaymentProvider.StartResult;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts payments. The payment is committed as PENDING before the provider is called and the provider's answer is
 * recorded in a second transaction, so a crash in between leaves a PENDING payment the reconciliation job settles,
 * never a charge we do not know about. No database transaction is open across the provider call.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final Map<PaymentPurpose, PayableReferences> references = new EnumMap<>(PaymentPurpose.class);
    private final PaymentStore store;
    private final PaymentProviders providers;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final Duration reconcileAfter;

    PaymentService(
            List<PayableReferences> references,
            PaymentStore store,
            PaymentProviders providers,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${marketplace.payments.reconcile-after}") String reconcileAfter) {
        references.forEach(spi -> this.references.put(spi.purpose(), spi));
        this.store = store;
        this.providers = providers;
        this.events = events;
        this.newTransaction = new TransactionTemplate(transactionManager);
        // each step commits on its own, and no transaction (no connection) stays open across the provider call
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.reconcileAfter = DurationStyle.detectAndParse(reconcileAfter);
    }

    /** Starts paying {@code referenceId} for the caller; the amount is the reference's own. */
    public Payment create(
            CurrentUser caller,
            PaymentPurpose purpose,
            UUID referenceId,
            PaymentMethod method,
            @Nullable String phoneNumber) {
        var phone = method == PaymentMethod.MPESA ? normalisedPhone(phoneNumber) : null;
        withdrawAttemptsAwaitingThePayer(purpose, referenceId);
        var payment = java.util.Objects.requireNonNull(
                newTransaction.execute(tx -> record(caller.id(), purpose, referenceId, method, phone)));
        var adapter = providers.adapter(payment.provider());
        var result = adapter.start(payment.request());
        newTransaction.executeWithoutResult(tx -> {
            var now = now();
            if (result instanceof StartResult.Started started) {
                var status = started.requiresAction() ? PaymentStatus.REQUIRES_ACTION : PaymentStatus.PENDING;
                store.recordStarted(payment.id(), started.providerReference(), started.clientSecret(), status, now);
                RefundSender.afterCommit(() -> adapter.started(payment.request(), started.providerReference()));
            } else if (result instanceof StartResult.Rejected rejected) {
                store.updateStatus(payment.id(), PaymentStatus.FAILED, rejected.reason(), now);
                events.publishEvent(new PaymentFailed(
                        payment.id(),
                        purpose,
                        referenceId,
                        caller.id(),
                        payment.amount(),
                        method,
                        rejected.reason(),
                        now));
            } else if (result instanceof StartResult.Unknown unknown) {
                log.warn(
                        "Payment {} sent to {} with no answer ({}); reconciliation will settle it",
                        payment.id(),
                        payment.provider(),
                        unknown.reason());
            }
        });
        return store.find(payment.id()).orElseThrow();
    }

    private Payment record(
            UUID payerId, PaymentPurpose purpose, UUID referenceId, PaymentMethod method, @Nullable String phone) {
        var spi = references.get(purpose);
        if (spi == null) {
            throw PaymentErrors.referenceNotFound();
        }
        var payable = spi.find(referenceId, payerId).orElseThrow(PaymentErrors::referenceNotFound);
        switch (payable.state()) {
            case ALREADY_PAID -> throw PaymentErrors.alreadyPaid();
            case EXPIRED -> throw PaymentErrors.checkoutExpired();
            case CANCELLED -> throw PaymentErrors.referenceCancelled();
            case PAYABLE -> {}
        }
        switch (store.standing(purpose, referenceId)) {
            case PAID -> throw PaymentErrors.alreadyPaid();
            case IN_PROGRESS -> throw PaymentErrors.paymentInProgress();
            case OPEN -> {}
        }
        var amount = payable.amount();
        if (method == PaymentMethod.MPESA) {
            if (!"KES".equals(amount.currency())) {
                throw PaymentErrors.amountNotPayable("M-Pesa takes Kenyan shillings only");
            }
            if (method.cannotMove(amount.amount()) != 0) {
                throw PaymentErrors.amountNotPayable("M-Pesa takes whole shillings only");
            }
        }
        if (amount.amount() <= 0) {
            throw PaymentErrors.amountNotPayable("There is nothing to pay");
        }
        var now = now();
        var payment = new Payment(
                Ids.newId(),
                purpose,
                referenceId,
                payerId,
                method,
                providers.forMethod(method),
                PaymentStatus.PENDING,
                amount,
                phone,
                null,
                null,
                null,
                0,
                0,
                false,
                false,
                now,
                now);
        try {
            store.insert(payment, now.plus(reconcileAfter));
        } catch (DuplicateKeyException concurrentAttempt) {
            throw PaymentErrors.paymentInProgress();
        }
        return payment;
    }

    /**
     * A card payment whose intent the payer has not confirmed (REQUIRES_ACTION) is withdrawn at the provider before a
     * new attempt starts, and CANCELLED here: the payer cannot confirm the old one too and be charged twice. One the
     * provider will not withdraw (the payer just confirmed it, or no answer) makes the new attempt 409
     * {@code payment_in_progress}.
     */
    private void withdrawAttemptsAwaitingThePayer(PaymentPurpose purpose, UUID referenceId) {
        for (var waiting : store.awaitingThePayer(purpose, referenceId)) {
            var reference = waiting.providerReference();
            if (reference == null || !providers.adapter(waiting.provider()).withdraw(waiting.request(), reference)) {
                throw PaymentErrors.paymentInProgress();
            }
            newTransaction.executeWithoutResult(tx -> store.cancelAwaitingThePayer(
                    waiting.id(), "Replaced by a new payment attempt before it was confirmed", now()));
            log.info("Payment {} withdrawn at {}: a new attempt replaces it", waiting.id(), waiting.provider());
        }
    }

    /** The payment if the caller paid it or is an admin; anyone else gets 404. */
    public Payment view(CurrentUser caller, UUID paymentId) {
        return store.find(paymentId)
                .filter(payment -> caller.isAdmin() || payment.payerId().equals(caller.id()))
                .orElseThrow(PaymentErrors::paymentNotFound);
    }

    /** The MSISDN Daraja expects; a number it cannot take is 400 {@code validation_failed} on phoneNumber. */
    static String normalisedPhone(@Nullable String phoneNumber) {
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
