package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.ledger.AccountKey;
import com.betanet.marketplace.ledger.Ledger;
import com.betanet.marketplace.ledger.Transfer;
import com.betanet.marketplace.ordering.domain.CommissionSplit;
import com.betanet.marketplace.ordering.domain.Order;
import com.betanet.marketplace.payments.PaymentsApi;
import com.betanet.marketplace.shared.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An order's money in the ledger, always in the transaction of the order change that moves it. When the checkout is
 * paid, each order's seller share and commission are held (pending) out of the checkout's escrow; completion posts
 * them, cancellation voids them. Transfer ids derive from the order, so a replay moves nothing twice. Refunds leave
 * the escrow through payments (a pending transfer, posted when the provider confirms); a refund after completion is
 * paid into the escrow from the platform's own account first, so a seller's wallet is never touched.
 */
@Component
class OrderMoney {

    private static final Logger log = LoggerFactory.getLogger(OrderMoney.class);

    private final Ledger ledger;
    private final PaymentsApi payments;
    private final int commissionBps;

    OrderMoney(Ledger ledger, PaymentsApi payments, @Value("${marketplace.commission-bps}") int commissionBps) {
        this.ledger = ledger;
        this.payments = payments;
        if (commissionBps < 0 || commissionBps > 10_000) {
            throw new IllegalStateException("MARKETPLACE_COMMISSION_BPS must be 0 to 10000, not " + commissionBps);
        }
        this.commissionBps = commissionBps;
    }

    static UUID shareId(UUID orderId) {
        return Transfer.idFor("order-share:" + orderId);
    }

    static UUID commissionId(UUID orderId) {
        return Transfer.idFor("order-commission:" + orderId);
    }

    /** Holds the seller's share and the commission of a freshly paid order in its checkout's escrow. */
    void hold(Order order) {
        var split = CommissionSplit.of(order.subtotal(), commissionBps);
        var escrow = AccountKey.checkoutEscrow(order.checkoutId());
        var holds = new ArrayList<Transfer>();
        if (split.sellerShare().amount() > 0) {
            holds.add(new Transfer(
                    shareId(order.id()),
                    escrow,
                    AccountKey.wallet(order.sellerId()),
                    split.sellerShare(),
                    "ORDER_SETTLEMENT",
                    "ORDER",
                    order.id(),
                    "Sale, order " + order.id()));
        }
        if (split.commission().amount() > 0) {
            holds.add(new Transfer(
                    commissionId(order.id()),
                    escrow,
                    AccountKey.commission(),
                    split.commission(),
                    "COMMISSION",
                    "ORDER",
                    order.id(),
                    "Commission, order " + order.id()));
        }
        if (!holds.isEmpty()) {
            ledger.hold(holds);
        }
    }

    /** The order completed: the seller's share reaches their wallet, the commission the platform. */
    void release(Order order) {
        var held = held(order);
        if (!held.isEmpty()) {
            ledger.postPending(held);
        }
    }

    /**
     * The paid order was cancelled: its holds return to the escrow, from where it is refunded. The payment is locked
     * first: a refund's settlement takes the payment before the ledger accounts, and so must everything that moves
     * the escrow's money and then refunds it.
     */
    void voidHolds(OrderStore.CheckoutRow checkout, Order order) {
        lockPayment(checkout);
        var held = held(order);
        if (!held.isEmpty()) {
            ledger.voidPending(held);
        }
    }

    /**
     * Refunds {@code amount} of the order to the buyer out of its checkout's escrow, through the payment that paid the
     * checkout. {@code refundKey} makes it once-only: the same key records one refund.
     */
    void refund(OrderStore.CheckoutRow checkout, Order order, String refundKey, Money amount, String reason) {
        var paymentId = checkout.paidByPaymentId();
        if (paymentId == null || amount.amount() == 0) {
            log.warn("Order {} has no payment to refund {} from", order.id(), amount);
            return;
        }
        // payments keeps 500 characters of a reason; a cancellation's reason may be longer than that
        payments.refund(paymentId, refundKey, amount, reason.length() > 500 ? reason.substring(0, 500) : reason);
    }

    /**
     * A refund granted after the order completed, when its share and commission have left the escrow: the platform's
     * account pays {@code amount} into the escrow (transfer id from the refund), and the buyer is refunded from there.
     */
    void refundFromPlatform(OrderStore.CheckoutRow checkout, Order order, UUID refundId, Money amount, String reason) {
        if (checkout.paidByPaymentId() == null) {
            throw new IllegalStateException("Completed order " + order.id() + " has no payment to refund");
        }
        var key = "order-refund:" + refundId;
        lockPayment(checkout);
        ledger.post(new Transfer(
                Transfer.idFor(key),
                AccountKey.platform(),
                AccountKey.checkoutEscrow(order.checkoutId()),
                amount,
                "REFUND",
                "ORDER",
                order.id(),
                reason));
        refund(checkout, order, key, amount, reason);
    }

    /** Locks the checkout's payment, before any ledger account a refund of it will touch (see {@link #voidHolds}). */
    private void lockPayment(OrderStore.CheckoutRow checkout) {
        if (checkout.paidByPaymentId() != null) {
            payments.lockForRefund(checkout.paidByPaymentId());
        }
    }

    /** The holds this order has (none for a zero subtotal, or an order paid before the ledger existed). */
    private List<UUID> held(Order order) {
        return java.util.stream.Stream.of(shareId(order.id()), commissionId(order.id()))
                .filter(id -> ledger.state(id).isPresent())
                .toList();
    }
}
