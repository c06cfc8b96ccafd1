package com.betanet.marketplace.ordering;

import static com.betanet.marketplace.support.OrderingFixtures.addToCart;
import static com.betanet.marketplace.support.OrderingFixtures.checkedOut;
import static com.betanet.marketplace.support.OrderingFixtures.product;
import static com.betanet.marketplace.support.PaymentFixtures.SILENT_PHONE;
import static com.betanet.marketplace.support.PaymentFixtures.awaitPayment;
import static com.betanet.marketplace.support.PaymentFixtures.pay;
import static org.awaitility.Awaitility.await;

import com.betanet.marketplace.payments.application.PaymentSettlement;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.support.Accounts;
import com.betanet.marketplace.support.CatalogApiFixtures;
import com.betanet.marketplace.support.HeldRows;
import com.betanet.marketplace.support.HttpTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A paid checkout is confirmed even when the listener confirming it fails: its database connection is cut while it
 * waits for the checkout's row (a failover, an administrator ending sessions). Its failed publication is handed to it
 * again a few seconds later, with no restart.
 */
class CheckoutPaymentRecoveryTests extends HttpTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    PaymentSettlement settlement;

    @Test
    void aPaidCheckoutIsConfirmedAfterTheListenerConfirmingItLostItsConnection() throws Exception {
        var buyer = Accounts.buyer(api);
        var categoryId = CatalogApiFixtures.categoryId(api, CatalogApiFixtures.admin(api));
        var item = product(api, Accounts.seller(api), categoryId, 1_500, 3);
        addToCart(api, buyer, item, 1);
        var checkoutId = UUID.fromString(checkedOut(api, buyer).get("id").asString());

        // a payment the simulator never reports: its success is reported below, while the test holds the checkout
        var payment = pay(api, buyer, checkoutId, SILENT_PHONE).json().get("id").asString();
        var reference = jdbc.sql("select provider_reference from payments where id = ?::uuid")
                .param(payment)
                .query(String.class)
                .single();
        var held = HeldRows.lock(transactions, jdbc, "select id from checkouts where id = ? for update", checkoutId);
        settlement.succeeded(Provider.SIMULATOR, reference, "test-" + payment, Money.of(1_500, "KES"), "{}");
        awaitPayment(api, buyer, payment, "SUCCEEDED");

        // the listener waits for the checkout's row: its connection is cut
        var waiting = "select pid from pg_stat_activity where wait_event_type = 'Lock'"
                + " and query like '%from checkouts%for update%' and pid <> pg_backend_pid()";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !jdbc.sql(waiting).query(Integer.class).list().isEmpty());
        for (var pid : jdbc.sql(waiting).query(Integer.class).list()) {
            jdbc.sql("select pg_terminate_backend(?)").param(pid).query().singleValue();
        }
        held.close();

        // handed to the listener again (every 5 s, once 10 s old)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                                select count(*) from orders o join checkouts c on c.id = o.checkout_id
                                where c.id = ? and c.status = 'PAID' and o.status = 'CONFIRMED'""").param(checkoutId).query(Long.class).single() == 1);
    }
}
