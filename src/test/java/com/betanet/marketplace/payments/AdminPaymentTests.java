package com.betanet.marketplace.payments;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.PaymentFixtures.CANCELLING_PHONE;
import static com.betanet.marketplace.support.PaymentFixtures.SILENT_PHONE;
import static com.betanet.marketplace.support.PaymentFixtures.awaitPayment;
import static com.betanet.marketplace.support.PaymentFixtures.paid;
import static com.betanet.marketplace.support.PaymentFixtures.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.application.PaymentSettlement.Outcome;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.Api;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import com.betanet.marketplace.support.Pages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /admin/payments}: every payment with its refunds, filtered and paged, for admins only. */
class AdminPaymentTests extends HttpTest {

    @Autowired
    PaymentSettlement settlement;

    @Autowired
    Ledger ledger;

    UUID categoryId;
    Accounts.Session admin;
    Accounts.Session buyer;
    Accounts.Session seller;
    /** This buyer's payments, oldest first: refunded, failed, flagged. */
    String refunded;

    String failed;
    String flagged;

    @BeforeEach
    void payments() {
        admin = CatalogApiFixtures.admin(api);
        categoryId = CatalogApiFixtures.categoryId(api, admin);
        buyer = Accounts.buyer(api);
        seller = Accounts.seller(api);

        var first = checkout(1_000);
        refunded = paid(api, buyer, UUID.fromString(first.get("id").asString()))
                .get("id")
                .asString();
        var cancel = api.post(
                        "/api/v1/orders/" + first.get("orders").get(0).get("id").asString() + "/cancel")
                .bearer(buyer.accessToken())
                .json(Map.of("reason", "ordered twice"))
                .send();
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        awaitPayment(api, buyer, refunded, "REFUNDED");

        failed = pay(api, buyer, UUID.fromString(checkout(2_000).get("id").asString()), CANCELLING_PHONE)
                .json()
                .get("id")
                .asString();
        awaitPayment(api, buyer, failed, "FAILED");

        flagged = pay(api, buyer, UUID.fromString(checkout(3_000).get("id").asString()), SILENT_PHONE)
                .json()
                .get("id")
                .asString();
        var reference = api.get("/api/v1/payments/" + flagged)
                .bearer(buyer.accessToken())
                .send()
                .json()
                .get("providerReference")
                .asString();
        assertThat(settlement.succeeded(
                        Provider.SIMULATOR, reference, "evt-short-" + flagged, Money.of(2_900, "KES"), "{}"))
                .isEqualTo(Outcome.FLAGGED);
    }

    private JsonNode checkout(long price) {
        addToCart(api, buyer, product(api, seller, categoryId, price, 10), 1);
        return checkedOut(api, buyer);
    }

    private Api.Response list(Accounts.Session who, String query) {
        return api.get("/api/v1/admin/payments?" + query)
                .bearer(who.accessToken())
                .send();
    }

    @Test
    void adminsSeeEveryPaymentNewestFirstWithItsRefunds() {
        var page = list(admin, "payerId=" + buyer.id());
        assertThat(Pages.ids(page)).containsExactly(flagged, failed, refunded);
        assertThat(page.json().get("nextCursor").isNull()).isTrue();

        var items = page.json().get("items");
        var flaggedOne = items.get(0);
        assertThat(flaggedOne.get("flagged").asBoolean()).isTrue();
        assertThat(flaggedOne.get("status").asString()).isEqualTo("FAILED");
        assertThat(flaggedOne.get("failureReason").asString()).contains("KES 29.00");
        assertThat(flaggedOne.get("payerId").asString()).isEqualTo(buyer.id().toString());
        assertThat(flaggedOne.get("provider").asString()).isEqualTo("SIMULATOR");
        assertThat(flaggedOne.get("refunds")).isEmpty();

        var refundedOne = items.get(2);
        assertThat(refundedOne.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(refundedOne.get("flagged").asBoolean()).isFalse();
        assertThat(refundedOne.get("refundedAmount").get("amount").asLong()).isEqualTo(1_000);
        assertThat(refundedOne.get("refunds")).hasSize(1);
        var refund = refundedOne.get("refunds").get(0);
        assertThat(refund.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(refund.get("amount").get("amount").asLong()).isEqualTo(1_000);
        assertThat(refund.get("reason").asString()).contains("ordered twice");

        var one = api.get("/api/v1/admin/payments/" + refunded)
                .bearer(admin.accessToken())
                .send();
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(one.json().get("refunds").get(0).get("id").asString())
                .isEqualTo(refund.get("id").asString());
    }

    @Test
    void theFiltersNarrowTheList() {
        var mine = "&payerId=" + buyer.id();
        assertThat(Pages.ids(list(admin, "status=FAILED" + mine))).containsExactly(flagged, failed);
        assertThat(Pages.ids(list(admin, "flagged=true" + mine))).containsExactly(flagged);
        assertThat(Pages.ids(list(admin, "flagged=false" + mine))).containsExactly(failed, refunded);
        assertThat(Pages.ids(list(admin, "method=CARD" + mine))).isEmpty();
        assertThat(Pages.ids(list(admin, "status=REFUNDED&method=MPESA" + mine)))
                .containsExactly(refunded);
        var referenceId = api.get("/api/v1/payments/" + failed)
                .bearer(buyer.accessToken())
                .send()
                .json()
                .get("referenceId")
                .asString();
        assertThat(Pages.ids(list(admin, "referenceId=" + referenceId))).containsExactly(failed);
    }

    @Test
    void pagesWalkTheListOnceAndACursorOnlyContinuesItsOwnList() {
        var walk = Pages.walk(api, admin, "/api/v1/admin/payments?limit=1&payerId=" + buyer.id());
        var walked = walk.ids();
        var firstCursor = walk.cursors().get(0);
        assertThat(walked).containsExactly(flagged, failed, refunded);

        var elsewhere = list(admin, "limit=1&status=FAILED&payerId=" + buyer.id() + "&cursor=" + firstCursor);
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(400);
        assertThat(elsewhere.code()).isEqualTo("validation_failed");
    }

    @Test
    void moneyHeldForAnOrderOrNeverReceivedIsNotRefundedByAnAdmin() {
        var held = paid(api, buyer, UUID.fromString(checkout(4_000).get("id").asString()))
                .get("id")
                .asString();
        for (var paymentId : List.of(held, failed, refunded)) {
            // the contract's body is {amount?}: a note is optional, and so is the body
            var request =
                    api.post("/api/v1/admin/payments/" + paymentId + "/refund").bearer(admin.accessToken());
            var refund = paymentId.equals(failed)
                    ? request.send()
                    : request.json(paymentId.equals(held) ? Map.of() : Map.of("note", "goodwill"))
                            .send();
            assertThat(refund.status()).as(paymentId + " -> " + refund).isEqualTo(409);
            assertThat(refund.code()).isEqualTo("nothing_to_refund");
        }
        var view = api.get("/api/v1/admin/payments/" + held)
                .bearer(admin.accessToken())
                .send()
                .json();
        assertThat(view.get("refunds")).isEmpty();
        assertThat(view.get("status").asString()).isEqualTo("SUCCEEDED");
        var unknown = api.post("/api/v1/admin/payments/" + UUID.randomUUID() + "/refund")
                .bearer(admin.accessToken())
                .json(Map.of("note", "goodwill"))
                .send();
        assertThat(unknown.status()).isEqualTo(404);
    }

    /**
     * Money that arrived with another amount than its payment's never paid for anything: it waits in suspense until an
     * admin sends it back to the payer through the provider, after which the books hold nothing of it and the payment
     * itself is unchanged (it failed: its checkout can still be paid).
     */
    @Test
    void anAdminSendsMoneyHeldInSuspenseBackToThePayer() {
        var suspenseBefore = ledger.balance(AccountKey.suspense(), "KES");
        var tooMuch = api.post("/api/v1/admin/payments/" + flagged + "/refund")
                .bearer(admin.accessToken())
                .json(Map.of("amount", Map.of("amount", 2_901, "currency", "KES")))
                .send();
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(409);
        assertThat(tooMuch.code()).isEqualTo("refund_too_large");
        // in shillings, as a person reads it: not "2900 KES", a hundred times the money
        assertThat(tooMuch.json().get("detail").asString()).contains("KES 29.00");

        var refund = api.post("/api/v1/admin/payments/" + flagged + "/refund")
                .bearer(admin.accessToken())
                .json(Map.of("note", "paid the wrong amount"))
                .send();

        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        var view = refund.json();
        assertThat(view.get("suspenseAmount").get("amount").asLong()).isEqualTo(2_900);
        assertThat(view.get("refunds")).hasSize(1);
        var sent = view.get("refunds").get(0);
        assertThat(sent.get("source").asString()).isEqualTo("SUSPENSE");
        assertThat(sent.get("amount").get("amount").asLong()).isEqualTo(2_900);
        assertThat(sent.get("reason").asString()).contains("paid the wrong amount");
        var again = api.post("/api/v1/admin/payments/" + flagged + "/refund")
                .bearer(admin.accessToken())
                .send();
        assertThat(again.status()).as("the pending refund counts: " + again).isEqualTo(409);
        assertThat(again.code()).isEqualTo("nothing_to_refund");

        var settled = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get("/api/v1/admin/payments/" + flagged)
                                .bearer(admin.accessToken())
                                .send()
                                .json(),
                        payment -> payment.get("refunds")
                                .get(0)
                                .get("status")
                                .asString()
                                .equals("SUCCEEDED"));
        assertThat(settled.get("status").asString()).isEqualTo("FAILED");
        assertThat(settled.get("refundedAmount").get("amount").asLong()).isZero();
        var suspense = ledger.balance(AccountKey.suspense(), "KES");
        assertThat(suspense.debitsPosted() - suspenseBefore.debitsPosted()).isEqualTo(2_900);
        assertThat(suspense.debitsPending()).isEqualTo(suspenseBefore.debitsPending());
        assertThat(ledger.trialBalance().balanced()).isTrue();
        var afterwards = api.post("/api/v1/admin/payments/" + flagged + "/refund")
                .bearer(admin.accessToken())
                .send();
        assertThat(afterwards.status()).isEqualTo(409);
        assertThat(afterwards.code()).isEqualTo("nothing_to_refund");
    }

    @Test
    void badInputIsA400AndOnlyAdminsMayLook() {
        for (var query : List.of(
                "status=NOPE",
                "flagged=maybe",
                "method=CASH",
                "payerId=abc",
                "limit=0",
                "limit=101",
                "cursor=garbage")) {
            var response = list(admin, query);
            assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
            assertThat(response.code()).as(query).isEqualTo("validation_failed");
        }
        assertThat(list(buyer, "").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/payments").send().status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/payments/" + refunded)
                        .bearer(buyer.accessToken())
                        .send()
                        .status())
                .isEqualTo(403);
        var unknown = api.get("/api/v1/admin/payments/" + UUID.randomUUID())
                .bearer(admin.accessToken())
                .send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/admin/payments/not-an-id")
                        .bearer(admin.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
    }
}
