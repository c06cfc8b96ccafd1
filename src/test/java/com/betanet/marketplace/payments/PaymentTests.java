package com.betanet.marketplace.payments;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.OrderingFixtures.stock;
import static com.betanet.marketplace.support.PaymentFixtures.CANCELLING_PHONE;
import static com.betanet.marketplace.support.PaymentFixtures.PHONE;
import static com.betanet.marketplace.support.PaymentFixtures.SILENT_PHONE;
import static com.betanet.marketplace.support.PaymentFixtures.awaitCheckout;
import static com.betanet.marketplace.support.PaymentFixtures.awaitPayment;
import static com.betanet.marketplace.support.PaymentFixtures.body;
import static com.betanet.marketplace.support.PaymentFixtures.paid;
import static com.betanet.marketplace.support.PaymentFixtures.pay;
import static com.betanet.marketplace.support.PaymentFixtures.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.ordering.application.OrderJobs;
import com.betanet.marketplace.payments.application.PaymentReconciliation;
import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.application.PaymentSettlement.Outcome;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class PaymentTests extends HttpTest {

    @Autowired
    Ledger ledger;

    @Autowired
    PaymentSettlement settlement;

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    OrderJobs orderJobs;

    @Autowired
    JdbcClient jdbc;

    UUID categoryId;
    Accounts.Session buyer;
    Accounts.Session seller;
    Accounts.Session otherSeller;

    @BeforeEach
    void accounts() {
        categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
        otherSeller = Accounts.seller(api);
    }

    /** A checkout of {@code quantity} units of a new product of {@code seller} at {@code price}. */
    private JsonNode checkout(long price, int quantity) {
        var item = product(api, seller, categoryId, price, 10);
        addToCart(api, buyer, item, quantity);
        return checkedOut(api, buyer);
    }

    private static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }

    private Ledger.Balance balance(AccountKey account) {
        return ledger.balance(account, "KES");
    }

    private String providerReference(String paymentId) {
        return payment(api, buyer, paymentId).get("providerReference").asString();
    }

    @Test
    void anMpesaPaymentOnTheSimulatorPaysTheCheckoutConfirmsItsOrdersAndHoldsTheMoneyInEscrow() {
        var first = product(api, seller, categoryId, 3_300, 10);
        var second = product(api, otherSeller, categoryId, 10_000, 10);
        addToCart(api, buyer, first, 3); // 9 900: commission 495, share 9 405
        addToCart(api, buyer, second, 1); // 10 000: commission 500, share 9 500
        var checkout = checkedOut(api, buyer);
        var checkoutId = id(checkout);
        var commissionBefore = balance(AccountKey.commission());

        var response = pay(api, buyer, checkoutId, "+254 712 345 678");
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        var started = response.json();
        assertThat(started.get("purpose").asString()).isEqualTo("CHECKOUT");
        assertThat(started.get("referenceId").asString()).isEqualTo(checkoutId.toString());
        assertThat(started.get("method").asString()).isEqualTo("MPESA");
        assertThat(started.get("status").asString()).isEqualTo("PENDING");
        assertThat(started.get("amount").get("amount").asLong()).isEqualTo(19_900);
        assertThat(started.get("amount").get("currency").asString()).isEqualTo("KES");
        assertThat(started.get("providerReference").asString()).startsWith("sim_");
        assertThat(started.get("clientSecret").isNull()).isTrue();
        assertThat(started.get("failureReason").isNull()).isTrue();
        assertThat(started.has("createdAt")).isTrue();
        assertThat(started.has("updatedAt")).isTrue();

        var paidCheckout = awaitCheckout(api, buyer, checkoutId, "PAID");
        for (var order : paidCheckout.get("orders")) {
            assertThat(order.get("status").asString()).isEqualTo("CONFIRMED");
        }
        assertThat(awaitPayment(api, buyer, started.get("id").asString(), "SUCCEEDED")
                        .get("amount")
                        .get("amount")
                        .asLong())
                .isEqualTo(19_900);

        var escrow = balance(AccountKey.checkoutEscrow(checkoutId));
        assertThat(escrow.creditsPosted()).isEqualTo(19_900);
        assertThat(escrow.debitsPending()).isEqualTo(19_900);
        assertThat(escrow.available().amount()).isZero();
        assertThat(balance(AccountKey.clearing("SIMULATOR")).debitsPosted()).isGreaterThanOrEqualTo(19_900);
        assertThat(balance(AccountKey.wallet(seller.id())).creditsPending()).isEqualTo(9_405);
        assertThat(balance(AccountKey.wallet(otherSeller.id())).creditsPending())
                .isEqualTo(9_500);
        assertThat(balance(AccountKey.commission()).creditsPending() - commissionBefore.creditsPending())
                .isEqualTo(995);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void completingAnOrderPaysTheSellerTheirShareAndThePlatformItsCommission() {
        var checkout = checkout(3_330, 3); // 9 990: commission 499.5 rounds half-up to 500, share 9 490
        var checkoutId = id(checkout);
        // cents: a card pays them (M-Pesa takes whole shillings only)
        var card = pay(api, buyer, UUID.randomUUID().toString(), body(checkoutId, "CARD", null));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        awaitCheckout(api, buyer, checkoutId, "PAID");
        var orderId = checkout.get("orders").get(0).get("id").asString();
        var commissionBefore = balance(AccountKey.commission());
        for (var status : new String[] {"SHIPPED", "DELIVERED"}) {
            assertThat(api.post("/api/v1/orders/" + orderId + "/status")
                            .bearer(seller.accessToken())
                            .json(Map.of("status", status))
                            .send()
                            .status())
                    .isEqualTo(200);
        }
        assertThat(balance(AccountKey.wallet(seller.id())).available().amount()).isZero();

        var completed = api.post("/api/v1/orders/" + orderId + "/confirm-receipt")
                .bearer(buyer.accessToken())
                .json(Map.of())
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);

        var wallet = balance(AccountKey.wallet(seller.id()));
        assertThat(wallet.creditsPosted()).isEqualTo(9_490);
        assertThat(wallet.creditsPending()).isZero();
        assertThat(wallet.available().amount()).isEqualTo(9_490);
        var commission = balance(AccountKey.commission());
        assertThat(commission.creditsPosted() - commissionBefore.creditsPosted())
                .isEqualTo(500);
        var escrow = balance(AccountKey.checkoutEscrow(id(checkout)));
        assertThat(escrow.debitsPosted()).isEqualTo(9_990);
        assertThat(escrow.debitsPending()).isZero();
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void theAutoCompleteJobReleasesTheMoneyToo() {
        var checkout = checkout(2_000, 1);
        paid(api, buyer, checkout);
        var orderId = checkout.get("orders").get(0).get("id").asString();
        for (var status : new String[] {"SHIPPED", "DELIVERED"}) {
            api.post("/api/v1/orders/" + orderId + "/status")
                    .bearer(seller.accessToken())
                    .json(Map.of("status", status))
                    .send();
        }
        orderJobs.autoComplete(Instant.now().plus(Duration.ofDays(8)));
        assertThat(balance(AccountKey.wallet(seller.id())).creditsPosted()).isEqualTo(1_900);
    }

    @Test
    void cancellingAPaidOrderVoidsItsHoldsRefundsItsSubtotalAndRestoresTheStock() {
        var mine = product(api, seller, categoryId, 2_000, 10);
        var theirs = product(api, otherSeller, categoryId, 5_000, 10);
        addToCart(api, buyer, mine, 2); // 4 000
        addToCart(api, buyer, theirs, 1); // 5 000
        var checkout = checkedOut(api, buyer);
        var checkoutId = id(checkout);
        var paymentId = paid(api, buyer, checkoutId).get("id").asString();
        assertThat(stock(api, mine)).isEqualTo(8);
        String orderId = null;
        for (var order : checkout.get("orders")) {
            if (order.get("seller").get("id").asString().equals(seller.id().toString())) {
                orderId = order.get("id").asString();
            }
        }
        var cancelled = api.post("/api/v1/orders/" + orderId + "/cancel")
                .bearer(seller.accessToken())
                .json(Map.of("reason", "out of stock after all"))
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(stock(api, mine)).isEqualTo(10);
        var order = UUID.fromString(orderId);
        assertThat(ledger.state(Transfer.idFor("order-share:" + order))).contains(Ledger.TransferState.VOIDED);
        assertThat(ledger.state(Transfer.idFor("order-commission:" + order))).contains(Ledger.TransferState.VOIDED);

        var refunded = awaitPayment(api, buyer, paymentId, "PARTIALLY_REFUNDED");
        assertThat(refunded.get("amount").get("amount").asLong()).isEqualTo(9_000);
        var escrow = balance(AccountKey.checkoutEscrow(checkoutId));
        assertThat(escrow.debitsPosted()).isEqualTo(4_000); // the refund, posted once the provider confirmed
        assertThat(escrow.debitsPending()).isEqualTo(5_000); // the other order's share and commission
        assertThat(escrow.available().amount()).isZero();
        assertThat(balance(AccountKey.wallet(seller.id())).creditsPending()).isZero();
        assertThat(balance(AccountKey.wallet(otherSeller.id())).creditsPending())
                .isEqualTo(4_750);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void cancellingAnMpesaPaidOrderOfKes1050SendsTenShillingsBackByMpesaAndTheFiftyCentsToTheWallet() {
        // two orders of KES 10.50: the checkout's KES 21 is payable by M-Pesa, one order's refund is not whole
        var mine = product(api, seller, categoryId, 1_050, 10);
        var theirs = product(api, otherSeller, categoryId, 1_050, 10);
        addToCart(api, buyer, mine, 1);
        addToCart(api, buyer, theirs, 1);
        var checkout = checkedOut(api, buyer);
        var checkoutId = id(checkout);
        var paymentId = paid(api, buyer, checkoutId).get("id").asString();
        var orderId = checkout.get("orders").get(0).get("id").asString();

        var cancelled = api.post("/api/v1/orders/" + orderId + "/cancel")
                .bearer(buyer.accessToken())
                .json(Map.of("reason", "changed my mind"))
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

        var refunds = jdbc.sql("select amount, status from refunds where payment_id = ? order by amount")
                .param(UUID.fromString(paymentId))
                .query((rs, n) -> rs.getLong("amount") + " " + rs.getString("status"))
                .list();
        assertThat(refunds).hasSize(2).first().isEqualTo("50 SUCCEEDED");
        assertThat(balance(AccountKey.wallet(buyer.id())).available().amount()).isEqualTo(50);
        // the shillings go by M-Pesa (the simulator confirms them), and then all of the order's KES 10.50 is back
        var refunded = awaitPayment(api, buyer, paymentId, "PARTIALLY_REFUNDED");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(jdbc.sql("select refunded_amount from payments where id = ?")
                                .param(UUID.fromString(paymentId))
                                .query(Long.class)
                                .single())
                        .isEqualTo(1_050));
        assertThat(refunded.get("amount").get("amount").asLong()).isEqualTo(2_100);
        assertThat(balance(AccountKey.checkoutEscrow(checkoutId)).debitsPosted())
                .isEqualTo(1_050);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void theSameKeyReplaysThePaymentAndAnotherBodyWithItIsRefused() {
        var checkoutId = id(checkout(1_000, 1));
        var key = UUID.randomUUID().toString();
        var first = pay(api, buyer, key, body(checkoutId, "MPESA", PHONE));
        var again = pay(api, buyer, key, body(checkoutId, "MPESA", PHONE));
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        var other = pay(api, buyer, key, body(checkoutId, "CARD", null));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("idempotency_key_reused");
        var fresh = pay(api, buyer, checkoutId, PHONE);
        assertThat(fresh.code()).as(fresh.toString()).isIn("already_paid", "payment_in_progress");
        awaitCheckout(api, buyer, checkoutId, "PAID");
        assertThat(jdbc.sql("select count(*) from payments where reference_id = ?")
                        .param(checkoutId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPaidCheckoutIsAlreadyPaid() {
        var checkoutId = id(checkout(1_000, 1));
        paid(api, buyer, checkoutId);
        var again = pay(api, buyer, checkoutId, PHONE);
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("already_paid");
    }

    @Test
    void aSecondPaymentWhileOneIsPendingIsInProgressAndSoIsCancellingAnOrder() {
        var checkout = checkout(1_000, 1);
        var checkoutId = id(checkout);
        var pending = pay(api, buyer, checkoutId, SILENT_PHONE);
        assertThat(pending.status()).isEqualTo(202);
        var second = pay(api, buyer, checkoutId, PHONE);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("payment_in_progress");
        var card = pay(api, buyer, UUID.randomUUID().toString(), body(checkoutId, "CARD", null));
        assertThat(card.code()).isEqualTo("payment_in_progress");

        var cancel = api.post("/api/v1/orders/"
                        + checkout.get("orders").get(0).get("id").asString() + "/cancel")
                .bearer(buyer.accessToken())
                .json(Map.of("reason", "changed my mind"))
                .send();
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(409);
        assertThat(cancel.code()).isEqualTo("payment_in_progress");
    }

    @Test
    void theExpiryJobWaitsForAPendingPaymentAndExpiresTheCheckoutOnceItFailed() {
        var checkoutId = id(checkout(1_000, 1));
        var paymentId =
                pay(api, buyer, checkoutId, SILENT_PHONE).json().get("id").asString();
        orderJobs.expireCheckouts(Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(checkoutStatus(checkoutId)).isEqualTo("PENDING_PAYMENT");

        assertThat(settlement.failed(
                        Provider.SIMULATOR,
                        providerReference(paymentId),
                        "evt-timeout-" + paymentId,
                        "Timed out",
                        "{}"))
                .isEqualTo(Outcome.FAILED);
        orderJobs.expireCheckouts(Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(checkoutStatus(checkoutId)).isEqualTo("EXPIRED");
        var late = pay(api, buyer, checkoutId, PHONE);
        assertThat(late.status()).as(late.toString()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("checkout_expired");
    }

    @Test
    void aPaymentThatSucceedsAfterItsCheckoutExpiredIsRefundedAutomatically() {
        var checkoutId = id(checkout(1_500, 2));
        var paymentId =
                pay(api, buyer, checkoutId, SILENT_PHONE).json().get("id").asString();
        var reference = providerReference(paymentId);
        settlement.failed(Provider.SIMULATOR, reference, "evt-f-" + paymentId, "Timed out", "{}");
        orderJobs.expireCheckouts(Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(checkoutStatus(checkoutId)).isEqualTo("EXPIRED");

        // the money arrived after all
        assertThat(settlement.succeeded(
                        Provider.SIMULATOR, reference, "evt-s-" + paymentId, Money.of(3_000, "KES"), "{}"))
                .isEqualTo(Outcome.SUCCEEDED);
        awaitPayment(api, buyer, paymentId, "REFUNDED");
        assertThat(checkoutStatus(checkoutId)).isEqualTo("EXPIRED");
        var escrow = balance(AccountKey.checkoutEscrow(checkoutId));
        assertThat(escrow.creditsPosted()).isEqualTo(3_000);
        assertThat(escrow.debitsPosted()).isEqualTo(3_000);
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void aLateSuccessOfAnEarlierAttemptOfAPaidCheckoutIsRefundedInFull() {
        var checkoutId = id(checkout(1_000, 3));
        var first = pay(api, buyer, checkoutId, SILENT_PHONE).json().get("id").asString();
        var reference = providerReference(first);
        settlement.failed(Provider.SIMULATOR, reference, "evt-f-" + first, "Timed out", "{}");
        var second = paid(api, buyer, checkoutId).get("id").asString();

        settlement.succeeded(Provider.SIMULATOR, reference, "evt-s-" + first, Money.of(3_000, "KES"), "{}");
        awaitPayment(api, buyer, first, "REFUNDED");
        assertThat(payment(api, buyer, second).get("status").asString()).isEqualTo("SUCCEEDED");
        var escrow = balance(AccountKey.checkoutEscrow(checkoutId));
        assertThat(escrow.creditsPosted()).isEqualTo(6_000);
        assertThat(escrow.debitsPosted()).isEqualTo(3_000); // the refund of the first
        assertThat(escrow.debitsPending()).isEqualTo(3_000); // the order's share and commission, from the second
        assertThat(ledger.trialBalance().balanced()).isTrue();
    }

    @Test
    void theSameCallbackTenTimesAtOnceIsCreditedOnce() throws Exception {
        var checkoutId = id(checkout(2_500, 2));
        var paymentId =
                pay(api, buyer, checkoutId, SILENT_PHONE).json().get("id").asString();
        var reference = providerReference(paymentId);
        var pool = Executors.newFixedThreadPool(10);
        try {
            var calls = new ArrayList<Callable<Outcome>>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> settlement.succeeded(
                        Provider.SIMULATOR, reference, "evt-dup-" + paymentId, Money.of(5_000, "KES"), "{}"));
            }
            var outcomes = new ArrayList<Outcome>();
            for (Future<Outcome> future : pool.invokeAll(calls)) {
                outcomes.add(future.get());
            }
            assertThat(outcomes).containsOnlyOnce(Outcome.SUCCEEDED);
            assertThat(outcomes)
                    .filteredOn(outcome -> outcome == Outcome.DUPLICATE)
                    .hasSize(9);
        } finally {
            pool.shutdown();
        }
        awaitCheckout(api, buyer, checkoutId, "PAID");
        assertThat(balance(AccountKey.checkoutEscrow(checkoutId)).creditsPosted())
                .isEqualTo(5_000);
        // a late failure does not undo the success
        assertThat(settlement.failed(Provider.SIMULATOR, reference, "evt-late-" + paymentId, "Timed out", "{}"))
                .isEqualTo(Outcome.ALREADY_SETTLED);
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void anotherAmountIsBookedToSuspenseAndFlaggedAndTheCheckoutStaysUnpaid() {
        var checkoutId = id(checkout(2_500, 2));
        var paymentId =
                pay(api, buyer, checkoutId, SILENT_PHONE).json().get("id").asString();
        var suspenseBefore = balance(AccountKey.suspense());
        assertThat(settlement.succeeded(
                        Provider.SIMULATOR,
                        providerReference(paymentId),
                        "evt-short-" + paymentId,
                        Money.of(4_900, "KES"),
                        "{}"))
                .isEqualTo(Outcome.FLAGGED);
        var payment = payment(api, buyer, paymentId);
        assertThat(payment.get("status").asString()).isEqualTo("FAILED");
        assertThat(payment.get("failureReason").asString()).contains("Received KES 49.00 instead of KES 50.00");
        assertThat(jdbc.sql("select flagged from payments where id = ?")
                        .param(UUID.fromString(paymentId))
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(balance(AccountKey.suspense()).creditsPosted() - suspenseBefore.creditsPosted())
                .isEqualTo(4_900);
        assertThat(balance(AccountKey.checkoutEscrow(checkoutId)).creditsPosted())
                .isZero();
        assertThat(checkoutStatus(checkoutId)).isEqualTo("PENDING_PAYMENT");
        assertThat(ledger.trialBalance().balanced()).isTrue();
        // the buyer may pay again
        paid(api, buyer, checkoutId);
    }

    @Test
    void aCancelledStkPushFailsWithItsReasonAndTheCheckoutCanBePaidAgain() {
        var checkoutId = id(checkout(1_000, 1));
        var paymentId =
                pay(api, buyer, checkoutId, CANCELLING_PHONE).json().get("id").asString();
        var failed = awaitPayment(api, buyer, paymentId, "FAILED");
        assertThat(failed.get("failureReason").asString()).contains("cancelled by user");
        assertThat(checkoutStatus(checkoutId)).isEqualTo("PENDING_PAYMENT");
        paid(api, buyer, checkoutId);
    }

    @Test
    void theReconciliationJobSettlesAPaymentWhoseCallbackWasLost() {
        var checkoutId = id(checkout(1_000, 1));
        var paymentId =
                pay(api, buyer, checkoutId, SILENT_PHONE).json().get("id").asString();
        reconciliation.reconcile(Instant.now());
        assertThat(payment(api, buyer, paymentId).get("status").asString()).isEqualTo("PENDING");
        reconciliation.reconcile(Instant.now().plus(Duration.ofMinutes(4)));
        awaitPayment(api, buyer, paymentId, "SUCCEEDED");
        awaitCheckout(api, buyer, checkoutId, "PAID");
    }

    @Test
    void wholeShillingsOnlyForMpesaWhileACardPaysCents() {
        var checkoutId = id(checkout(1_050, 1));
        var mpesa = pay(api, buyer, checkoutId, PHONE);
        assertThat(mpesa.status()).as(mpesa.toString()).isEqualTo(422);
        assertThat(mpesa.code()).isEqualTo("amount_not_payable");
        var card = pay(api, buyer, UUID.randomUUID().toString(), body(checkoutId, "CARD", null));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        assertThat(card.json().get("clientSecret").asString()).startsWith("sim_");
        assertThat(card.json().get("amount").get("amount").asLong()).isEqualTo(1_050);
        awaitCheckout(api, buyer, checkoutId, "PAID");
    }

    @Test
    void phoneNumbersAreRequiredForMpesaAndMustBeKenyanMobiles() {
        var checkoutId = id(checkout(1_000, 1));
        for (var bad : new String[] {"12345", "0812345678", "+1 212 555 0100", "07123456789"}) {
            var response = pay(api, buyer, checkoutId, bad);
            assertThat(response.status()).as(bad + " " + response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        var missing = pay(api, buyer, UUID.randomUUID().toString(), body(checkoutId, "MPESA", null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo("validation_failed");
        var unknownField = new java.util.LinkedHashMap<String, Object>(body(checkoutId, "MPESA", PHONE));
        unknownField.put("amount", Map.of("amount", 1, "currency", "KES"));
        assertThat(pay(api, buyer, UUID.randomUUID().toString(), unknownField).status())
                .isEqualTo(400);
        var stored = pay(api, buyer, checkoutId, "01 1234 5678");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(202);
        assertThat(jdbc.sql("select phone_number from payments where id = ?")
                        .param(UUID.fromString(stored.json().get("id").asString()))
                        .query(String.class)
                        .single())
                .isEqualTo("254112345678");
    }

    @Test
    void paymentsAndTheirReferencesAreSeenOnlyByTheirPayerAndAdmins() {
        var checkoutId = id(checkout(1_000, 1));
        var stranger = Accounts.buyer(api);
        var foreign = pay(api, stranger, checkoutId, PHONE);
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        var unknown = pay(api, buyer, UUID.randomUUID(), PHONE);
        assertThat(unknown.status()).isEqualTo(404);
        var campaign = pay(
                api,
                buyer,
                UUID.randomUUID().toString(),
                Map.of("purpose", "AD_CAMPAIGN", "referenceId", checkoutId.toString(), "method", "CARD"));
        assertThat(campaign.status()).isEqualTo(404);

        var paymentId = paid(api, buyer, checkoutId).get("id").asString();
        assertThat(api.get("/api/v1/payments/" + paymentId)
                        .bearer(stranger.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/payments/" + UUID.randomUUID())
                        .bearer(buyer.accessToken())
                        .send()
                        .status())
                .isEqualTo(404);
        var asAdmin = api.get("/api/v1/payments/" + paymentId)
                .bearer(CatalogApiFixtures.admin(api).accessToken())
                .send();
        assertThat(asAdmin.status()).isEqualTo(200);
        assertThat(asAdmin.json().get("id").asString()).isEqualTo(paymentId);
    }

    private String checkoutStatus(UUID checkoutId) {
        return api.get("/api/v1/checkouts/" + checkoutId)
                .bearer(buyer.accessToken())
                .send()
                .json()
                .get("status")
                .asString();
    }

    @Test
    void withoutAStripeWebhookSecretEveryStripeWebhookIsABadSignature() {
        // cards run on the simulator here: no secret, so no signature can be verified; nothing is looked up or stored
        var body = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";
        for (var signature : new String[] {null, "t=1700000000,v1=deadbeef", "garbage"}) {
            var request = api.post("/api/v1/webhooks/stripe").body("application/json", body.getBytes());
            if (signature != null) {
                request.header("Stripe-Signature", signature);
            }
            var response = request.send();
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("invalid_signature");
        }
        assertThat(jdbc.sql("select count(*) from payment_inbox where provider = 'STRIPE' and external_id = 'evt_1'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
