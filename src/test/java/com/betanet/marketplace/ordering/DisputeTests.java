package com.betanet.marketplace.ordering;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.PaymentFixtures.awaitPayment;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Ledger.TransferState;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.ordering.application.OrderJobs;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.PaymentFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Buyer protection: a disputed order's escrow is frozen until an admin resolves it, and each resolution moves exactly
 * the money it names. One checkout holds the disputed order (4 000: share 3 800, commission 200) and another seller's
 * order (6 000: share 5 700, commission 300) that must never be touched.
 */
class DisputeTests extends HttpTest {

    @Autowired
    Ledger ledger;

    @Autowired
    OrderJobs jobs;

    @Autowired
    JdbcClient jdbc;

    Accounts.Session admin;
    Accounts.Session buyer;
    Accounts.Session seller;
    Accounts.Session otherSeller;
    UUID checkoutId;
    String paymentId;
    String orderId;
    String otherOrderId;

    @BeforeEach
    void aPaidCheckoutOfTwoSellers() {
        admin = CatalogApiFixtures.admin(api);
        var categoryId = CatalogApiFixtures.categoryId(api, admin);
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);
        otherSeller = Accounts.seller(api);
        addToCart(api, buyer, product(api, seller, categoryId, 2_000, 10), 2);
        addToCart(api, buyer, product(api, otherSeller, categoryId, 6_000, 10), 1);
        var checkout = checkedOut(api, buyer);
        checkoutId = UUID.fromString(checkout.get("id").asString());
        for (var order : checkout.get("orders")) {
            if (order.get("seller").get("id").asString().equals(seller.id().toString())) {
                orderId = order.get("id").asString();
            } else {
                otherOrderId = order.get("id").asString();
            }
        }
        paymentId = PaymentFixtures.paid(api, buyer, checkoutId).get("id").asString();
        for (var status : List.of("SHIPPED", "DELIVERED")) {
            var moved = api.post("/api/v1/orders/" + orderId + "/status")
                    .bearer(seller.accessToken())
                    .json(Map.of("status", status))
                    .send();
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        }
    }

    private Api.Response dispute(Accounts.Session who, String order) {
        return api.post("/api/v1/orders/" + order + "/dispute")
                .bearer(who.accessToken())
                .json(Map.of("reason", "The box was empty"))
                .send();
    }

    /** Disputes the order as its buyer; returns the dispute id, found in the admins' list of open disputes. */
    private String disputed() {
        var response = dispute(buyer, orderId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("status").asString()).isEqualTo("DISPUTED");
        var open = api.get("/api/v1/admin/disputes?status=OPEN&limit=100")
                .bearer(admin.accessToken())
                .send();
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        for (var item : open.json().get("items")) {
            if (item.get("orderId").asString().equals(orderId)) {
                return item.get("id").asString();
            }
        }
        throw new AssertionError("No open dispute of order " + orderId + " in " + open);
    }

    private Api.Response resolve(Accounts.Session who, String disputeId, String outcome) {
        return api.post("/api/v1/admin/disputes/" + disputeId + "/resolve")
                .bearer(who.accessToken())
                .json(Map.of("outcome", outcome, "note", "Photos from both sides checked"))
                .send();
    }

    private JsonNode order(String id) {
        return api.get("/api/v1/orders/" + id)
                .bearer(buyer.accessToken())
                .send()
                .json();
    }

    private JsonNode lastEvent(String id) {
        var events = api.get("/api/v1/orders/" + id + "/events")
                .bearer(buyer.accessToken())
                .send()
                .json();
        return events.get(events.size() - 1);
    }

    private Ledger.Balance balance(AccountKey account) {
        return ledger.balance(account, "KES");
    }

    private static UUID shareOf(String order) {
        return Transfer.idFor("order-share:" + order);
    }

    private static UUID commissionOf(String order) {
        return Transfer.idFor("order-commission:" + order);
    }

    private void assertOtherOrderUntouched() {
        assertThat(order(otherOrderId).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(ledger.state(shareOf(otherOrderId))).contains(TransferState.PENDING);
        assertThat(ledger.state(commissionOf(otherOrderId))).contains(TransferState.PENDING);
        var wallet = balance(AccountKey.wallet(otherSeller.id()));
        assertThat(wallet.creditsPending()).isEqualTo(5_700);
        assertThat(wallet.creditsPosted()).isZero();
    }

    @Test
    void aDisputedOrderIsFrozenAndNeverAutoCompletes() {
        var disputeId = disputed();
        var dispute = api.get("/api/v1/admin/disputes/" + disputeId)
                .bearer(admin.accessToken())
                .send();
        assertThat(dispute.status()).as(dispute.toString()).isEqualTo(200);
        var body = dispute.json();
        assertThat(body.get("orderId").asString()).isEqualTo(orderId);
        assertThat(body.get("checkoutId").asString()).isEqualTo(checkoutId.toString());
        assertThat(body.get("buyer").get("username").asString()).isEqualTo(buyer.username());
        assertThat(body.get("seller").get("username").asString()).isEqualTo(seller.username());
        assertThat(body.get("subtotal").get("amount").asLong()).isEqualTo(4_000);
        assertThat(body.get("reason").asString()).isEqualTo("The box was empty");
        assertThat(body.get("status").asString()).isEqualTo("OPEN");
        assertThat(body.get("outcome").isNull()).isTrue();
        assertThat(body.get("resolvedBy").isNull()).isTrue();
        assertThat(lastEvent(orderId).get("note").asString()).isEqualTo("The box was empty");

        // a month later the job has passed the order by: still disputed, the money still held
        jobs.autoComplete(Instant.now().plus(Duration.ofDays(30)));
        assertThat(order(orderId).get("status").asString()).isEqualTo("DISPUTED");
        assertThat(ledger.state(shareOf(orderId))).contains(TransferState.PENDING);
        assertThat(ledger.state(commissionOf(orderId))).contains(TransferState.PENDING);
        var wallet = balance(AccountKey.wallet(seller.id()));
        assertThat(wallet.creditsPending()).isEqualTo(3_800);
        assertThat(wallet.available().amount()).isZero();
        // a second dispute of the same order is refused by the state machine
        assertThat(dispute(buyer, orderId).code()).isEqualTo("invalid_transition");
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void releasingCompletesTheOrderAndPaysTheSellerAndThePlatformExactlyTheirPart() {
        var disputeId = disputed();
        var commissionBefore = balance(AccountKey.commission());

        var resolved = resolve(admin, disputeId, "RELEASE");

        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.json().get("outcome").asString()).isEqualTo("RELEASE");
        assertThat(resolved.json().get("note").asString()).isEqualTo("Photos from both sides checked");
        assertThat(resolved.json().get("resolvedBy").get("id").asString())
                .isEqualTo(admin.id().toString());
        assertThat(resolved.json().get("resolvedAt").isNull()).isFalse();
        assertThat(order(orderId).get("status").asString()).isEqualTo("COMPLETED");
        var event = lastEvent(orderId);
        assertThat(event.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(event.get("previousStatus").asString()).isEqualTo("DISPUTED");
        assertThat(event.get("actor").get("role").asString()).isEqualTo("ADMIN");
        assertThat(event.get("actor").get("id").asString()).isEqualTo(admin.id().toString());
        assertThat(event.get("note").asString()).isEqualTo("Photos from both sides checked");

        var wallet = balance(AccountKey.wallet(seller.id()));
        assertThat(wallet.available().amount()).isEqualTo(3_800);
        assertThat(wallet.creditsPending()).isZero();
        var commission = balance(AccountKey.commission());
        assertThat(commission.creditsPosted() - commissionBefore.creditsPosted())
                .isEqualTo(200);
        assertThat(commissionBefore.creditsPending() - commission.creditsPending())
                .isEqualTo(200);
        var escrow = balance(AccountKey.checkoutEscrow(checkoutId));
        assertThat(escrow.debitsPosted()).isEqualTo(4_000); // this order's share and commission, gone
        assertThat(escrow.debitsPending()).isEqualTo(6_000); // only the other order's holds are left
        assertOtherOrderUntouched();
        assertThat(jdbc.sql("select count(*) from refunds where payment_id = ?::uuid")
                        .param(paymentId)
                        .query(Long.class)
                        .single())
                .isZero();

        var again = resolve(admin, disputeId, "REFUND");
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("dispute_resolved");
        assertThat(order(orderId).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void refundingVoidsTheHoldsAndRefundsTheOrderSubtotalAndNothingElse() {
        var disputeId = disputed();

        var resolved = resolve(admin, disputeId, "REFUND");

        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.json().get("outcome").asString()).isEqualTo("REFUND");
        assertThat(order(orderId).get("status").asString()).isEqualTo("REFUNDED");
        var event = lastEvent(orderId);
        assertThat(event.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(event.get("actor").get("role").asString()).isEqualTo("ADMIN");
        assertThat(event.get("note").asString()).isEqualTo("Photos from both sides checked");
        assertThat(ledger.state(shareOf(orderId))).contains(TransferState.VOIDED);
        assertThat(ledger.state(commissionOf(orderId))).contains(TransferState.VOIDED);
        var refund = jdbc.sql("select refund_key, amount from refunds where payment_id = ?::uuid")
                .param(paymentId)
                .query((rs, n) -> Map.entry(rs.getString("refund_key"), rs.getLong("amount")))
                .single();
        assertThat(refund).isEqualTo(Map.entry("dispute:" + disputeId, 4_000L));

        var payment = awaitPayment(api, buyer, paymentId, "PARTIALLY_REFUNDED");
        assertThat(payment.get("amount").get("amount").asLong()).isEqualTo(10_000);
        var wallet = balance(AccountKey.wallet(seller.id()));
        assertThat(wallet.creditsPending()).isZero(); // the 3 800 held for the seller are gone
        assertThat(wallet.available().amount()).isZero();
        var escrow = balance(AccountKey.checkoutEscrow(checkoutId));
        assertThat(escrow.debitsPosted()).isEqualTo(4_000); // the refund, posted when the provider confirmed
        assertThat(escrow.debitsPending()).isEqualTo(6_000);
        assertThat(escrow.available().amount()).isZero();
        assertOtherOrderUntouched();
        assertThat(resolve(admin, disputeId, "RELEASE").code()).isEqualTo("dispute_resolved");
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void aBuyerCannotDisputeAnOrderBeforeItShipsEvenThoughAChargebackCan() {
        for (var status : List.of("CONFIRMED", "PROCESSING")) {
            if (status.equals("PROCESSING")) {
                assertThat(api.post("/api/v1/orders/" + otherOrderId + "/status")
                                .bearer(otherSeller.accessToken())
                                .json(Map.of("status", "PROCESSING"))
                                .send()
                                .status())
                        .isEqualTo(200);
            }
            var response = dispute(buyer, otherOrderId);
            assertThat(response.status()).as(response.toString()).isEqualTo(409);
            assertThat(response.code()).isEqualTo("invalid_transition");
            var order = api.get("/api/v1/orders/" + otherOrderId)
                    .bearer(buyer.accessToken())
                    .send()
                    .json();
            assertThat(order.get("status").asString()).isEqualTo(status);
        }
        // its escrow is not frozen: the seller's share and the commission are still simply held
        assertThat(ledger.state(shareOf(otherOrderId))).contains(TransferState.PENDING);
        assertThat(ledger.state(commissionOf(otherOrderId))).contains(TransferState.PENDING);
        assertThat(jdbc.sql("select count(*) from order_disputes where order_id = ?")
                        .param(UUID.fromString(otherOrderId))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyAdminsSeeAndResolveDisputesAndOnlyTheBuyerOpensOne() {
        var stranger = Accounts.buyer(api);
        assertThat(dispute(stranger, orderId).status()).isEqualTo(404);
        assertThat(dispute(seller, orderId).status()).isEqualTo(403);
        var disputeId = disputed();
        for (var who : List.of(buyer, seller, stranger)) {
            assertThat(api.get("/api/v1/admin/disputes")
                            .bearer(who.accessToken())
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.get("/api/v1/admin/disputes/" + disputeId)
                            .bearer(who.accessToken())
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(resolve(who, disputeId, "REFUND").status()).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/admin/disputes").send().status()).isEqualTo(401);
        assertThat(resolve(admin, UUID.randomUUID().toString(), "REFUND").status())
                .isEqualTo(404);
        var noNote = api.post("/api/v1/admin/disputes/" + disputeId + "/resolve")
                .bearer(admin.accessToken())
                .json(Map.of("outcome", "RELEASE", "note", " "))
                .send();
        assertThat(noNote.status()).as(noNote.toString()).isEqualTo(400);
        var badOutcome = api.post("/api/v1/admin/disputes/" + disputeId + "/resolve")
                .bearer(admin.accessToken())
                .json(Map.of("outcome", "SPLIT", "note", "half each"))
                .send();
        assertThat(badOutcome.status()).isEqualTo(400);
        assertThat(order(orderId).get("status").asString()).isEqualTo("DISPUTED");
    }

    @Test
    void theListIsACursorListFilteredByStatus() {
        var first = disputed();
        resolve(admin, first, "RELEASE");
        var otherBuyersOrder = otherOrderId; // CONFIRMED: ship it so it can be disputed too
        api.post("/api/v1/orders/" + otherBuyersOrder + "/status")
                .bearer(otherSeller.accessToken())
                .json(Map.of("status", "SHIPPED"))
                .send();
        assertThat(dispute(buyer, otherBuyersOrder).status()).isEqualTo(200);

        var page1 = api.get("/api/v1/admin/disputes?limit=1")
                .bearer(admin.accessToken())
                .send()
                .json();
        assertThat(page1.get("items")).hasSize(1);
        assertThat(page1.get("items").get(0).get("orderId").asString()).isEqualTo(otherBuyersOrder);
        var cursor = page1.get("nextCursor").asString();
        var page2 = api.get("/api/v1/admin/disputes?limit=1&cursor=" + cursor)
                .bearer(admin.accessToken())
                .send()
                .json();
        assertThat(page2.get("items").get(0).get("id").asString()).isEqualTo(first);
        var resolved = api.get("/api/v1/admin/disputes?status=RESOLVED&limit=1")
                .bearer(admin.accessToken())
                .send()
                .json();
        assertThat(resolved.get("items").get(0).get("id").asString()).isEqualTo(first);
        assertThat(api.get("/api/v1/admin/disputes?status=RESOLVED&cursor=" + cursor)
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/admin/disputes?status=CLOSED")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
    }

    private Api.Response adminRefund(Accounts.Session who, String order, Long amount) {
        var body = new LinkedHashMap<String, Object>();
        if (amount != null) {
            body.put("amount", Map.of("amount", amount, "currency", "KES"));
        }
        body.put("note", "Goodwill: arrived late");
        return api.post("/api/v1/admin/orders/" + order + "/refund")
                .bearer(who.accessToken())
                .json(body)
                .send();
    }

    @Test
    void aRefundAfterCompletionIsPaidByThePlatformNeverBySellerWallet() {
        var completed = api.post("/api/v1/orders/" + orderId + "/confirm-receipt")
                .bearer(buyer.accessToken())
                .json(Map.of())
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        var platformBefore = balance(AccountKey.platform());
        assertThat(balance(AccountKey.wallet(seller.id())).available().amount()).isEqualTo(3_800);

        assertThat(adminRefund(seller, orderId, null).status()).isEqualTo(403);
        assertThat(adminRefund(admin, otherOrderId, null).code()).isEqualTo("order_not_completed");
        var partial = adminRefund(admin, orderId, 1_000L);
        assertThat(partial.status()).as(partial.toString()).isEqualTo(201);
        assertThat(partial.json().get("amount").get("amount").asLong()).isEqualTo(1_000);
        assertThat(partial.json().get("refundable").get("amount").asLong()).isEqualTo(3_000);
        var tooMuch = adminRefund(admin, orderId, 3_001L);
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("refund_exceeds_order");
        var rest = adminRefund(admin, orderId, null);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(201);
        assertThat(rest.json().get("amount").get("amount").asLong()).isEqualTo(3_000);
        assertThat(adminRefund(admin, orderId, null).code()).isEqualTo("refund_exceeds_order");

        var payment = awaitPayment(api, buyer, paymentId, "PARTIALLY_REFUNDED");
        assertThat(payment.get("status").asString()).isEqualTo("PARTIALLY_REFUNDED");
        var platform = balance(AccountKey.platform());
        assertThat(platform.debitsPosted() - platformBefore.debitsPosted()).isEqualTo(4_000);
        var wallet = balance(AccountKey.wallet(seller.id()));
        assertThat(wallet.available().amount()).isEqualTo(3_800);
        assertThat(wallet.debitsPosted() + wallet.debitsPending()).isZero();
        assertThat(jdbc.sql("select coalesce(sum(amount), 0) from refunds where payment_id = ?::uuid")
                        .param(paymentId)
                        .query(Long.class)
                        .single())
                .isEqualTo(4_000);
        assertThat(order(orderId).get("status").asString()).isEqualTo("COMPLETED");
        assertOtherOrderUntouched();
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void anAdminCancelNeedsNoBody() {
        var cancelled = api.post("/api/v1/admin/orders/" + otherOrderId + "/cancel")
                .bearer(admin.accessToken())
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(lastEvent(otherOrderId).get("actor").get("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void anAdminCancelsAPaidOrderLikeItsBuyerWouldAndItIsRefunded() {
        // longer than a refund's reason may be: the refund keeps the first 500 characters
        var reason = "Seller unreachable " + "x".repeat(980);
        var cancelled = api.post("/api/v1/admin/orders/" + otherOrderId + "/cancel")
                .bearer(admin.accessToken())
                .json(Map.of("reason", reason))
                .send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        var event = lastEvent(otherOrderId);
        assertThat(event.get("actor").get("role").asString()).isEqualTo("ADMIN");
        assertThat(event.get("note").asString()).isEqualTo(reason);
        assertThat(ledger.state(shareOf(otherOrderId))).contains(TransferState.VOIDED);
        assertThat(jdbc.sql("select amount from refunds where payment_id = ?::uuid and refund_key = ?")
                        .params(paymentId, "order-cancel:" + otherOrderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(6_000);
        assertThat(api.post("/api/v1/admin/orders/" + orderId + "/cancel")
                        .bearer(buyer.accessToken())
                        .json(Map.of("reason", "mine now"))
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(ledger.isBalanced()).isTrue();
    }
}
