package com.betanet.marketplace.payments.stripe;

import com.betanet.marketplace.payments.provider.ProviderOutcomeUnknownException;
import com.betanet.marketplace.payments.provider.ProviderRefusedException;
import com.betanet.marketplace.payments.provider.ProviderUnavailableException;
import com.betanet.marketplace.shared.Money;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.RefundListParams;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PaymentIntents and refunds through the official SDK, on a {@link StripeClient} of its own (no global
 * {@code Stripe.apiKey}), so the API base can point at a test double.
 *
 * <p>Failures: a card decline, an invalid request, a reused idempotency key or a rejected key are
 * {@link ProviderRefusedException} (Stripe did nothing); a connection failure or a 5xx is
 * {@link ProviderOutcomeUnknownException} (look at the intent again, or wait for the webhook); 429 is
 * {@link ProviderUnavailableException}. The SDK first retries network errors itself with the same idempotency key.
 */
public class StripeGateway {

    static final String PROVIDER = "stripe";
    /** Metadata keys the webhook reader ({@link StripeWebhookEvents}) looks for. */
    public static final String PAYMENT_ID = "payment_id";

    public static final String PURPOSE = "purpose";
    public static final String REFERENCE_ID = "reference_id";

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    private final StripeClient stripe;

    public StripeGateway(StripeProperties properties) {
        this.stripe = StripeClient.builder()
                .setApiKey(properties.secretKey())
                .setApiBase(properties.apiBase())
                .setConnectTimeout(Math.toIntExact(properties.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()))
                .setMaxNetworkRetries(properties.maxNetworkRetries())
                .build();
    }

    /**
     * Creates the PaymentIntent a client confirms with its {@code clientSecret}. The metadata names our payment, so a
     * webhook can be matched to it even if this call's answer was lost.
     *
     * @param idempotencyKey the same key for the same payment attempt, so a retry cannot create a second intent
     */
    public StripePaymentIntent createPaymentIntent(
            UUID paymentId, String purpose, UUID referenceId, Money amount, String idempotencyKey) {
        if (amount.amount() <= 0) {
            throw new IllegalArgumentException("A payment needs a positive amount: " + amount);
        }
        var params = PaymentIntentCreateParams.builder()
                .setAmount(amount.amount())
                .setCurrency(StripeMoney.currency(amount))
                .putMetadata(PAYMENT_ID, paymentId.toString())
                .putMetadata(PURPOSE, purpose)
                .putMetadata(REFERENCE_ID, referenceId.toString())
                .build();
        try {
            return view(stripe.v1().paymentIntents().create(params, idempotent(idempotencyKey)));
        } catch (StripeException failure) {
            throw translate("create PaymentIntent", failure);
        }
    }

    /**
     * Cancels an intent its payer has not confirmed yet (abandoned: a new attempt replaces it), so it can no longer be
     * paid. Stripe refuses once the intent succeeded or is processing.
     */
    public StripePaymentIntent cancelPaymentIntent(String paymentIntentId) {
        var params = PaymentIntentCancelParams.builder()
                .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED)
                .build();
        try {
            return view(stripe.v1()
                    .paymentIntents()
                    .cancel(paymentIntentId, params, idempotent("cancel-" + paymentIntentId)));
        } catch (StripeException failure) {
            throw translate("cancel PaymentIntent", failure);
        }
    }

    /** The intent's current state, for reconciling a payment whose webhook did not come. */
    public StripePaymentIntent retrievePaymentIntent(String paymentIntentId) {
        try {
            return view(stripe.v1().paymentIntents().retrieve(paymentIntentId));
        } catch (StripeException failure) {
            throw translate("retrieve PaymentIntent", failure);
        }
    }

    /**
     * Refunds {@code amount} of a succeeded PaymentIntent.
     *
     * @param metadata kept on the refund (e.g. our refund id), so {@code charge.refunded} can be matched to it
     */
    public StripeRefund refund(
            String paymentIntentId, Money amount, String idempotencyKey, Map<String, String> metadata) {
        if (amount.amount() <= 0) {
            throw new IllegalArgumentException("A refund needs a positive amount: " + amount);
        }
        var params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amount.amount())
                .putAllMetadata(metadata)
                .build();
        try {
            return view(stripe.v1().refunds().create(params, idempotent(idempotencyKey)));
        } catch (StripeException failure) {
            throw translate("refund", failure);
        }
    }

    /** The refund's current state. */
    public StripeRefund retrieveRefund(String refundId) {
        try {
            return view(stripe.v1().refunds().retrieve(refundId));
        } catch (StripeException failure) {
            throw translate("retrieve refund", failure);
        }
    }

    /**
     * The refund of a PaymentIntent whose metadata has {@code key} = {@code value} (our refund id): how a refund whose
     * creation got no answer is found. Empty when Stripe has no such refund.
     */
    public Optional<StripeRefund> findRefund(String paymentIntentId, String key, String value) {
        var params =
                RefundListParams.builder().setPaymentIntent(paymentIntentId).setLimit(100L);
        try {
            while (true) {
                var page = stripe.v1().refunds().list(params.build());
                for (var refund : page.getData()) {
                    if (value.equals(refund.getMetadata().get(key))) {
                        return Optional.of(view(refund));
                    }
                }
                if (!Boolean.TRUE.equals(page.getHasMore()) || page.getData().isEmpty()) {
                    return Optional.empty();
                }
                params.setStartingAfter(
                        page.getData().get(page.getData().size() - 1).getId());
            }
        } catch (StripeException failure) {
            throw translate("list refunds", failure);
        }
    }

    private static RequestOptions idempotent(String idempotencyKey) {
        if (idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("Writes to Stripe need an idempotency key");
        }
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static StripeRefund view(Refund refund) {
        return new StripeRefund(
                refund.getId(),
                refund.getStatus(),
                StripeMoney.money(refund.getAmount(), refund.getCurrency()),
                refund.getFailureReason());
    }

    private static StripePaymentIntent view(PaymentIntent intent) {
        var error = intent.getLastPaymentError();
        return new StripePaymentIntent(
                intent.getId(),
                intent.getClientSecret(),
                intent.getStatus(),
                StripeMoney.money(intent.getAmount(), intent.getCurrency()),
                StripeMoney.money(intent.getAmountReceived(), intent.getCurrency()),
                error == null ? null : error.getMessage());
    }

    private static RuntimeException translate(String operation, StripeException failure) {
        var summary = operation + ": " + failure.getStatusCode() + " " + failure.getCode() + " (request "
                + failure.getRequestId() + ")";
        if (failure instanceof CardException declined) {
            var code = declined.getDeclineCode() != null ? declined.getDeclineCode() : declined.getCode();
            return new ProviderRefusedException(PROVIDER, code, message(declined), declined);
        }
        if (failure instanceof InvalidRequestException
                || failure instanceof IdempotencyException
                || failure instanceof AuthenticationException
                || failure instanceof PermissionException) {
            log.warn("Stripe refused {}", summary);
            return new ProviderRefusedException(PROVIDER, failure.getCode(), message(failure), failure);
        }
        if (failure instanceof RateLimitException) {
            return new ProviderUnavailableException(PROVIDER, summary, failure);
        }
        // ApiConnectionException, ApiException (5xx) and anything newer the SDK may add: Stripe may or may not have
        // done it.
        log.warn("Stripe gave no definite answer to {}", summary);
        return new ProviderOutcomeUnknownException(PROVIDER, summary, failure);
    }

    private static String message(StripeException failure) {
        var error = failure.getStripeError();
        return error != null && error.getMessage() != null ? error.getMessage() : String.valueOf(failure.getCode());
    }
}
