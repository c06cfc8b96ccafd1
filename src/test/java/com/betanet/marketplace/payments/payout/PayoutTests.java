package com.betanet.marketplace.payments.payout;

import static com.betanet.marketplace.support.PayoutFixtures.KES;
import static com.betanet.marketplace.support.PayoutFixtures.awaitPayout;
import static com.betanet.marketplace.support.PayoutFixtures.body;
import static com.betanet.marketplace.support.PayoutFixtures.fund;
import static com.betanet.marketplace.support.PayoutFixtures.pendingPayout;
import static com.betanet.marketplace.support.PayoutFixtures.requestPayout;
import static com.betanet.marketplace.support.PayoutFixtures.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Ledger.TransferState;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.HttpTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Payouts through the HTTP API with B2C on the simulator (the default test context). */
class PayoutTests extends HttpTest {

    /** The simulator pays this number. */
    static final String PHONE = "0712 345 678";
    /** The simulator's recipient cannot take M-Pesa (ResultCode 2040). */
    static final String FAILING_PHONE = "0712342040";
    /** The simulator's request times out in the queue; the status query finds it completed. */
    static final String TIMING_OUT_PHONE = "+254712340000";

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    Accounts.Session seller;

    @BeforeEach
    void seller() {
        seller = Accounts.seller(api);
    }

    @Test
    void aPayoutLargerThanTheAvailableBalanceIsRefusedAndHoldsNothing() {
        fund(transactions, ledger, seller.id(), 100_000);

        var response = requestPayout(api, seller, 100_100, PHONE);

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("insufficient_funds");
        assertThat(wallet(api, seller)).containsExactly(100_000, 0, 0);
        assertThat(payoutRows()).isZero();
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void anEmptyWalletCannotPayOut() {
        var response = requestPayout(api, seller, 100, PHONE);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("insufficient_funds");
        assertThat(payoutRows()).isZero();
    }

    @Test
    void aSimulatedPayoutHoldsTheMoneyThenSucceeds() {
        fund(transactions, ledger, seller.id(), 500_000);

        var payout = pendingPayout(api, seller, 150_000, PHONE);

        assertThat(payout.get("amount").get("amount").asLong()).isEqualTo(150_000);
        assertThat(payout.get("amount").get("currency").asString()).isEqualTo(KES);
        assertThat(payout.get("phoneNumber").asString()).isEqualTo("254712345678");
        assertThat(payout.get("createdAt").asString()).isNotBlank();
        var id = payout.get("id").asString();
        var settled = awaitPayout(api, seller, id, "SUCCEEDED");
        assertThat(settled.get("receipt").asString()).startsWith("SIM");
        assertThat(wallet(api, seller)).containsExactly(350_000, 0, 0);
        assertThat(ledger.state(holdOf(id))).contains(TransferState.POSTED);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void aFailedSimulatedPayoutMakesTheMoneyAvailableAgain() {
        fund(transactions, ledger, seller.id(), 500_000);

        var id = pendingPayout(api, seller, 200_000, FAILING_PHONE).get("id").asString();

        var failed = awaitPayout(api, seller, id, "FAILED");
        assertThat(failed.get("failureReason").asString()).contains("2040");
        assertThat(wallet(api, seller)).containsExactly(500_000, 0, 0);
        assertThat(ledger.state(holdOf(id))).contains(TransferState.VOIDED);
        assertThat(ledger.isBalanced()).isTrue();
    }

    @Test
    void aSimulatedQueueTimeoutIsSettledByTheStatusQuery() {
        fund(transactions, ledger, seller.id(), 500_000);

        var id = pendingPayout(api, seller, 100_000, TIMING_OUT_PHONE).get("id").asString();

        awaitPayout(api, seller, id, "SUCCEEDED");
        assertThat(inbox("b2c-timeout:" + id)).isEqualTo(1);
        assertThat(wallet(api, seller)).containsExactly(400_000, 0, 0);
    }

    @Test
    void theSameIdempotencyKeyPaysOutOnce() {
        fund(transactions, ledger, seller.id(), 500_000);
        var key = UUID.randomUUID().toString();

        var first = requestPayout(api, seller, key, body(100_000, KES, PHONE));
        var replay = requestPayout(api, seller, key, body(100_000, KES, PHONE));

        assertThat(first.status()).isEqualTo(202);
        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(payoutRows()).isEqualTo(1);
        awaitPayout(api, seller, first.json().get("id").asString(), "SUCCEEDED");
        assertThat(wallet(api, seller)).containsExactly(400_000, 0, 0);
    }

    @Test
    void aPayoutIsVisibleToItsOwnerOnly() {
        fund(transactions, ledger, seller.id(), 100_000);
        var id = pendingPayout(api, seller, 100_000, PHONE).get("id").asString();
        var other = Accounts.buyer(api);

        var theirs = api.get("/api/v1/wallet/payouts/" + id)
                .bearer(other.accessToken())
                .send();
        var unknown = api.get("/api/v1/wallet/payouts/" + UUID.randomUUID())
                .bearer(seller.accessToken())
                .send();
        var anonymous = api.get("/api/v1/wallet/payouts/" + id).send();

        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.code()).isEqualTo("not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void badPayoutRequestsAreProblemsAndChangeNothing() {
        fund(transactions, ledger, seller.id(), 500_000);

        var badPhone = requestPayout(api, seller, 100_000, "0812 345 678");
        var cents = requestPayout(api, seller, 100_050, PHONE);
        var otherCurrency = requestPayout(api, seller, UUID.randomUUID().toString(), body(100_000, "USD", PHONE));
        var zero = requestPayout(api, seller, 0, PHONE);
        var card = requestPayout(
                api,
                seller,
                UUID.randomUUID().toString(),
                Map.of("amount", Map.of("amount", 100_000, "currency", KES), "method", "CARD"));
        var noKey = api.post("/api/v1/wallet/payouts")
                .bearer(seller.accessToken())
                .json(body(100_000, KES, PHONE))
                .send();

        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.code()).isEqualTo("validation_failed");
        assertThat(badPhone.json().get("errors").get(0).get("field").asString()).isEqualTo("phoneNumber");
        assertThat(cents.status()).isEqualTo(422);
        assertThat(cents.code()).isEqualTo("amount_not_payable");
        assertThat(otherCurrency.status()).isEqualTo(422);
        assertThat(otherCurrency.code()).isEqualTo("amount_not_payable");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.code()).isEqualTo("validation_failed");
        assertThat(card.status()).isEqualTo(400);
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.code()).isEqualTo("idempotency_key_required");
        assertThat(payoutRows()).isZero();
        assertThat(wallet(api, seller)).containsExactly(500_000, 0, 0);
    }

    @Test
    void b2cCallbacksAreNotFoundWithoutTheSecret() {
        // the default test context has no callback secret: B2C runs on the simulator and no callback is expected
        var response = api.post("/api/v1/webhooks/mpesa/anything/b2c/result")
                .json("{\"Result\":{}}")
                .send();

        assertThat(response.status()).isEqualTo(404);
    }

    private static UUID holdOf(String payoutId) {
        return Transfer.idFor("payout:" + payoutId);
    }

    private long payoutRows() {
        return jdbc.sql("select count(*) from payouts where user_id = ?")
                .param(seller.id())
                .query(Long.class)
                .single();
    }

    private long inbox(String externalId) {
        return jdbc.sql("select count(*) from payment_inbox where external_id = ?")
                .param(externalId)
                .query(Long.class)
                .single();
    }
}
