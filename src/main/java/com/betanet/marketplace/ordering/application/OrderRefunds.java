package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.ordering.domain.OrderingErrors;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds an admin grants after an order completed. The seller has been paid and keeps it: the money comes from the
 * platform's account, never from a wallet. The refunds of one order never add up to more than its subtotal.
 */
@Service
public class OrderRefunds {

    public record OrderRefundView(UUID id, UUID orderId, Money amount, Money refundable, String note, Instant at) {}

    private final OrderStore orders;
    private final OrderMoney money;
    private final JdbcClient jdbc;
    private final Clock clock;

    OrderRefunds(OrderStore orders, OrderMoney money, JdbcClient jdbc, Clock clock) {
        this.orders = orders;
        this.money = money;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An amount as a request states it: the currency not yet known to be one. */
    public record Amount(long amount, String currency) {}

    /** Refunds {@code amount} (default: what is left of the subtotal) of a COMPLETED order to its buyer. */
    @Transactional
    public OrderRefundView refund(CurrentUser admin, UUID orderId, @Nullable Amount amount, String note) {
        var seen = orders.find(orderId).orElseThrow(OrderingErrors::orderNotFound);
        var checkout = orders.lockCheckout(seen.checkoutId()).orElseThrow();
        // the order's lock serialises its refunds, so the cap below cannot be raced past
        var order = orders.findForUpdate(orderId).orElseThrow();
        if (order.status() != OrderStatus.COMPLETED) {
            throw OrderingErrors.orderNotCompleted(order.status());
        }
        var left = order.subtotal()
                .minus(Money.of(refunded(orderId), order.subtotal().currency()));
        if (amount != null && !amount.currency().equals(left.currency())) {
            throw ApiException.validation("amount.currency", "Must be " + left.currency() + ", the order's currency");
        }
        var refund = amount == null ? left : Money.of(amount.amount(), left.currency());
        if (refund.amount() <= 0 || refund.amount() > left.amount()) {
            throw OrderingErrors.refundExceedsOrder(left);
        }
        var id = Ids.newId();
        var reason = note.strip();
        var at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.sql("""
                        insert into order_refunds (id, order_id, amount, currency, note, refunded_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, orderId, refund.amount(), refund.currency(), reason, admin.id(), Timestamp.from(at))
                .update();
        money.refundFromPlatform(checkout, order, id, refund, reason);
        return new OrderRefundView(id, orderId, refund, left.minus(refund), reason, at);
    }

    private long refunded(UUID orderId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from order_refunds where order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }
}
