package com.betanet.marketplace.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HttpTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The wallet and the trial balance over HTTP, with money moved through the ledger as the payments work will. */
class WalletTests extends HttpTest {

    static final String KES = "KES";

    @Autowired
    Ledger ledger;

    @Autowired
    TransactionTemplate transactions;

    final AccountKey clearing = AccountKey.clearing("TEST-" + UUID.randomUUID());
    final AccountKey payouts = AccountKey.payoutsInFlight("TEST-" + UUID.randomUUID());

    @Test
    void aNewUsersWalletIsEmpty() {
        var buyer = Accounts.buyer(api);

        var wallet = api.get("/api/v1/wallet").bearer(buyer.accessToken()).send();

        assertThat(wallet.status()).isEqualTo(200);
        assertMoney(wallet.json().get("available"), 0);
        assertMoney(wallet.json().get("held"), 0);
        assertMoney(wallet.json().get("pendingPayouts"), 0);
        var entries =
                api.get("/api/v1/wallet/entries").bearer(buyer.accessToken()).send();
        assertThat(entries.status()).isEqualTo(200);
        assertThat(entries.json().get("items")).isEmpty();
        assertThat(entries.json().get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theWalletShowsAvailableHeldAndPendingPayoutMoney() {
        var seller = Accounts.seller(api);
        var wallet = AccountKey.wallet(seller.id());
        var escrow = AccountKey.checkoutEscrow(UUID.randomUUID());
        var earned = transfer(clearing, wallet, 5_000, "ORDER_SETTLEMENT", "ORDER");
        var payout = transfer(wallet, payouts, 2_000, "PAYOUT", "PAYOUT");
        var notYetCompleted = transfer(escrow, wallet, 700, "ORDER_SETTLEMENT", "ORDER");
        inTransaction(() -> {
            ledger.post(transfer(clearing, escrow, 1_000, "PAYMENT", "CHECKOUT"));
            ledger.post(earned);
            ledger.hold(payout);
            return ledger.hold(notYetCompleted);
        });

        var body = api.get("/api/v1/wallet").bearer(seller.accessToken()).send().json();

        assertMoney(body.get("available"), 3_000);
        assertMoney(body.get("held"), 700);
        assertMoney(body.get("pendingPayouts"), 2_000);

        var items = api.get("/api/v1/wallet/entries")
                .bearer(seller.accessToken())
                .send()
                .json()
                .get("items");
        assertThat(items).hasSize(3);
        var payoutLine = line(items, payout.id());
        assertMoney(payoutLine.get("amount"), -2_000);
        assertThat(payoutLine.get("type").asString()).isEqualTo("PAYOUT");
        assertThat(payoutLine.get("status").asString()).isEqualTo("PENDING");
        assertThat(payoutLine.get("referenceType").asString()).isEqualTo("PAYOUT");
        assertThat(payoutLine.get("referenceId").asString())
                .isEqualTo(payout.referenceId().toString());
        assertThat(payoutLine.get("createdAt").asString()).endsWith("Z");
        var earnedLine = line(items, earned.id());
        assertMoney(earnedLine.get("amount"), 5_000);
        assertThat(earnedLine.get("status").asString()).isEqualTo("POSTED");
        assertThat(earnedLine.get("description").asString()).isEqualTo("test order_settlement");
    }

    @Test
    void entriesArePagedNewestFirstWithCursorsOnlyTheirOwnerMayUse() {
        var seller = Accounts.seller(api);
        var wallet = AccountKey.wallet(seller.id());
        var first = transfer(clearing, wallet, 100, "ORDER_SETTLEMENT", "ORDER");
        var second = transfer(clearing, wallet, 200, "ORDER_SETTLEMENT", "ORDER");
        var third = transfer(wallet, payouts, 50, "PAYOUT", "PAYOUT");
        inTransaction(() -> ledger.post(first));
        inTransaction(() -> ledger.post(second));
        inTransaction(() -> ledger.hold(third));

        var page1 = api.get("/api/v1/wallet/entries?limit=2")
                .bearer(seller.accessToken())
                .send()
                .json();
        var cursor = page1.get("nextCursor").asString();
        var page2 = api.get("/api/v1/wallet/entries?limit=2&cursor=" + cursor)
                .bearer(seller.accessToken())
                .send()
                .json();

        assertThat(ids(page1.get("items")))
                .containsExactly(third.id().toString(), second.id().toString());
        assertThat(ids(page2.get("items"))).containsExactly(first.id().toString());
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        var stranger = Accounts.buyer(api);
        var foreign = api.get("/api/v1/wallet/entries?cursor=" + cursor)
                .bearer(stranger.accessToken())
                .send();
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.code()).isEqualTo("validation_failed");
        assertThat(api.get("/api/v1/wallet/entries?limit=0")
                        .bearer(seller.accessToken())
                        .send()
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/wallet/entries?cursor=forged")
                        .bearer(seller.accessToken())
                        .send()
                        .code())
                .isEqualTo("validation_failed");
    }

    @Test
    void noOneSeesAnotherUsersMoney() {
        var seller = Accounts.seller(api);
        inTransaction(() ->
                ledger.post(transfer(clearing, AccountKey.wallet(seller.id()), 900, "ORDER_SETTLEMENT", "ORDER")));
        var other = Accounts.buyer(api);

        var wallet =
                api.get("/api/v1/wallet").bearer(other.accessToken()).send().json();
        var entries = api.get("/api/v1/wallet/entries")
                .bearer(other.accessToken())
                .send()
                .json();

        assertMoney(wallet.get("available"), 0);
        assertThat(entries.get("items")).isEmpty();
        assertThat(api.get("/api/v1/wallet").send().status()).isEqualTo(401);
    }

    @Test
    void onlyAdminsSeeTheTrialBalanceAndItBalances() {
        var seller = Accounts.seller(api);
        var wallet = AccountKey.wallet(seller.id());
        inTransaction(() -> ledger.post(transfer(clearing, wallet, 1_234, "ORDER_SETTLEMENT", "ORDER")));

        var refused = api.get("/api/v1/admin/ledger/trial-balance")
                .bearer(seller.accessToken())
                .send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("forbidden");

        var admin = CatalogApiFixtures.admin(api);
        var trial = api.get("/api/v1/admin/ledger/trial-balance")
                .bearer(admin.accessToken())
                .send();

        assertThat(trial.status()).isEqualTo(200);
        assertThat(trial.json().get("balanced").asBoolean()).isTrue();
        JsonNode walletLine = null;
        for (var account : trial.json().get("accounts")) {
            if (account.get("owner").asString().equals(seller.id().toString())) {
                walletLine = account;
            }
        }
        assertThat(walletLine).isNotNull();
        assertThat(walletLine.get("type").asString()).isEqualTo("WALLET");
        assertThat(walletLine.get("currency").asString()).isEqualTo(KES);
        assertThat(walletLine.get("creditsPosted").asLong()).isEqualTo(1_234);
        assertThat(walletLine.get("balance").asLong()).isEqualTo(1_234);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private static JsonNode line(JsonNode items, UUID id) {
        for (var item : items) {
            if (item.get("id").asString().equals(id.toString())) {
                return item;
            }
        }
        throw new AssertionError("No line " + id + " in " + items);
    }

    private static List<String> ids(JsonNode items) {
        var ids = new java.util.ArrayList<String>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static void assertMoney(JsonNode money, long amount) {
        assertThat(Money.of(money.get("amount").asLong(), money.get("currency").asString()))
                .isEqualTo(Money.of(amount, KES));
    }

    private static Transfer transfer(AccountKey debit, AccountKey credit, long amount, String code, String reference) {
        return new Transfer(
                UUID.randomUUID(),
                debit,
                credit,
                Money.of(amount, KES),
                code,
                reference,
                UUID.randomUUID(),
                "test " + code.toLowerCase());
    }
}
