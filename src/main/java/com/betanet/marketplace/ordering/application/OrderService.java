package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.ordering.OrderingApi;
import com.betanet.marketplace.ordering.application.OrderViews.EventView;
import com.betanet.marketplace.ordering.application.OrderViews.OrderView;
import com.betanet.marketplace.ordering.domain.DisputeOutcome;
import com.betanet.marketplace.ordering.domain.Order;
import com.betanet.marketplace.ordering.domain.OrderingErrors;
import com.betanet.marketplace.payments.PaymentChargedBack;
import com.betanet.marketplace.payments.PaymentDisputed;
import com.betanet.marketplace.payments.PaymentPurpose;
import com.betanet.marketplace.payments.PaymentSucceeded;
import com.betanet.marketplace.payments.PaymentsApi;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.ApiException;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order lifecycle as buyers, sellers and the payment side drive it. Locks are always taken checkout first, then
 * its orders, then products (in id order), so cancellations, payments and the expiry job cannot deadlock.
 */
@Service
public class OrderService implements OrderingApi {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    private final OrderStore store;
    private final OrderViews views;
    private final CatalogApi catalog;
    private final CursorCodec cursors;
    private final JdbcClient jdbc;
    private final OrderMoney money;
    private final PaymentsApi payments;
    private final DisputeStore disputes;
    private final Clock clock;

    OrderService(
            OrderStore store,
            OrderViews views,
            CatalogApi catalog,
            CursorCodec cursors,
            JdbcClient jdbc,
            OrderMoney money,
            PaymentsApi payments,
            DisputeStore disputes,
            Clock clock) {
        this.store = store;
        this.views = views;
        this.catalog = catalog;
        this.cursors = cursors;
        this.jdbc = jdbc;
        this.money = money;
        this.payments = payments;
        this.disputes = disputes;
        this.clock = clock;
    }

    /**
     * A payment of the checkout succeeded (its money is in the checkout's escrow): the checkout becomes PAID, its
     * orders CONFIRMED, their reservations sales, and each order's seller share and commission are held, together. A
     * replay does nothing. A checkout that can no longer be paid this way (expired, cancelled, paid by another
     * payment, another total) has the payment refunded in full: the money is never kept nor lost.
     */
    @Transactional
    public void checkoutPaid(PaymentSucceeded payment) {
        var checkoutId = payment.referenceId();
        var checkout = store.lockCheckout(checkoutId)
                .orElseThrow(() -> new IllegalStateException("Payment " + payment.paymentId() + " of no checkout"));
        if ("PAID".equals(checkout.status()) && payment.paymentId().equals(checkout.paidByPaymentId())) {
            return;
        }
        if (!"PENDING_PAYMENT".equals(checkout.status()) || !payment.amount().equals(checkout.total())) {
            var reason = "PAID".equals(checkout.status())
                    ? "The checkout was already paid by another payment"
                    : "PENDING_PAYMENT".equals(checkout.status())
                            ? "The checkout's total changed while it was being paid"
                            : "The checkout was " + checkout.status().toLowerCase() + " when the payment arrived";
            log.warn("Refunding payment {} of checkout {}: {}", payment.paymentId(), checkoutId, reason);
            payments.decline(
                    payment.paymentId(), "checkout-not-payable:" + payment.paymentId(), payment.amount(), reason);
            return;
        }
        var now = now();
        var confirmed = new java.util.ArrayList<UUID>();
        for (var order : store.ordersOfCheckoutForUpdate(checkoutId)) {
            if (order.status() == OrderStatus.PENDING_PAYMENT) {
                store.record(order, order.confirmPayment(now));
                money.hold(order);
                confirmed.add(order.id());
            }
        }
        catalog.commitSale(store.quantities(confirmed));
        store.checkoutPaid(checkoutId, payment.paymentId(), now);
    }

    /**
     * The payer's bank disputes the checkout's payment (a card chargeback). Every order of it whose money is still in
     * escrow becomes DISPUTED, with a dispute opened in its buyer's name for an admin: its holds stay pending (no
     * auto-complete, no release), and its seller can ship nothing more. A completed order is past freezing (its seller
     * was paid; a lost chargeback is the platform's loss) and is only logged. A replay finds the orders DISPUTED and
     * does nothing.
     */
    @Transactional
    public void checkoutPaymentDisputed(PaymentDisputed dispute) {
        var checkoutId = dispute.referenceId();
        if (store.lockCheckout(checkoutId).isEmpty()) {
            log.error(
                    "Chargeback of payment {} names checkout {}, which does not exist",
                    dispute.paymentId(),
                    checkoutId);
            return;
        }
        var now = now();
        var reason = "The payer's bank disputes the payment: " + dispute.reason();
        for (var order : store.ordersOfCheckoutForUpdate(checkoutId)) {
            if (order.isInEscrow()) {
                var change = order.chargeback(reason, now);
                store.record(order, change);
                disputes.open(Ids.newId(), order.id(), order.buyerId(), reason, now);
                log.warn("Order {} frozen by the chargeback of payment {}", order.id(), dispute.paymentId());
            } else if (order.status() == OrderStatus.COMPLETED) {
                log.error(
                        "Order {} was completed and its seller paid before the chargeback of payment {}",
                        order.id(),
                        dispute.paymentId());
            }
        }
    }

    /**
     * The payer's bank decided the chargeback of the checkout's payment against us: the provider took the money back.
     * Every order a chargeback froze (DISPUTED with its open dispute) and every order still in escrow ends REFUNDED by
     * the system, its dispute resolved REFUND with no admin, its holds voided; then the loss is booked (the escrow's
     * money leaves with the provider; what the escrow no longer holds, because an order completed and its seller was
     * paid, is the platform's loss). Stock is not restocked, as with an admin's REFUND. A replay finds the orders
     * REFUNDED and the loss booked, and changes nothing.
     */
    @Transactional
    public void checkoutChargedBack(PaymentChargedBack chargeback) {
        var checkoutId = chargeback.referenceId();
        var checkout = store.lockCheckout(checkoutId);
        if (checkout.isEmpty()) {
            log.error(
                    "Chargeback of payment {} names checkout {}, which does not exist",
                    chargeback.paymentId(),
                    checkoutId);
            return;
        }
        var now = now();
        var note = "The payer's bank took the payment back: " + chargeback.reason();
        for (var order : store.ordersOfCheckoutForUpdate(checkoutId)) {
            if (order.isInEscrow()) {
                store.record(order, order.chargeback(note, now));
            } else if (order.status() != OrderStatus.DISPUTED) {
                continue;
            }
            store.record(order, order.chargedBack(note, now));
            money.voidHolds(checkout.get(), order);
            disputes.findOpenForUpdate(order.id())
                    .ifPresent(open -> disputes.resolve(open.id(), DisputeOutcome.REFUND, null, note, now));
            log.warn("Order {} refunded by the chargeback of payment {}", order.id(), chargeback.paymentId());
        }
        payments.bookChargeback(chargeback.paymentId(), chargeback.amount());
    }

    @Override
    @Transactional(readOnly = true)
    public boolean hasReceived(UUID buyerId, UUID productId) {
        return Boolean.TRUE.equals(
                jdbc.sql("""
                        select exists(select 1 from order_items i join orders o on o.id = i.order_id
                                       where i.product_id = ? and o.buyer_id = ? and o.status in ('DELIVERED', 'COMPLETED'))""").params(productId, buyerId).query(Boolean.class).single());
    }

    @Override
    @Transactional(readOnly = true)
    public boolean isParty(UUID orderId, UUID userId) {
        return Boolean.TRUE.equals(
                jdbc.sql("select exists(select 1 from orders where id = ? and ? in (buyer_id, seller_id))")
                        .params(orderId, userId)
                        .query(Boolean.class)
                        .single());
    }

    @Transactional(readOnly = true)
    public OrderView view(CurrentUser caller, UUID orderId) {
        visible(caller, orderId);
        return views.byIds(List.of(orderId)).get(0);
    }

    @Transactional(readOnly = true)
    public List<EventView> events(CurrentUser caller, UUID orderId) {
        visible(caller, orderId);
        return views.events(orderId);
    }

    /** The seller's fulfilment steps. */
    @Transactional
    public OrderView fulfil(
            CurrentUser caller,
            UUID orderId,
            OrderStatus target,
            @Nullable String trackingNumber,
            @Nullable String note) {
        return transition(
                caller,
                orderId,
                (order, actor, at) ->
                        order.fulfil(actor, target, OrderStore.nullable(trackingNumber), OrderStore.nullable(note), at),
                (order, change) -> {});
    }

    /** The buyer has the goods: the order completes and its seller share and commission are released. */
    @Transactional
    public OrderView confirmReceipt(CurrentUser caller, UUID orderId) {
        return transition(
                caller,
                orderId,
                (order, actor, at) -> order.confirmReceipt(actor, at),
                (order, change) -> money.release(order));
    }

    /**
     * The buyer disputes the order: it becomes DISPUTED and a dispute is opened for an admin. Its escrow stays frozen
     * (the holds are neither posted nor voided, the auto-complete job passes it by) until the dispute is resolved.
     */
    @Transactional
    public OrderView dispute(CurrentUser caller, UUID orderId, String reason) {
        var stripped = reason.strip();
        return transition(
                caller,
                orderId,
                (order, actor, at) -> order.dispute(actor, stripped, at),
                (order, change) -> disputes.open(Ids.newId(), order.id(), caller.id(), stripped, change.at()));
    }

    /** A move of the domain's state machine, made by {@code actor} at {@code at}. */
    @FunctionalInterface
    private interface Move {
        Order.Change apply(Order order, Order.Actor actor, Instant at);
    }

    /**
     * The shape of every single-order transition: lock the order the caller may see, apply the move, record it (row,
     * timeline, event), do what follows from it in the same transaction, and answer with the order's view.
     */
    private OrderView transition(CurrentUser caller, UUID orderId, Move move, BiConsumer<Order, Order.Change> andThen) {
        var order = forUpdate(caller, orderId);
        var change = move.apply(order, actor(caller, order), now());
        store.record(order, change);
        andThen.accept(order, change);
        return views.byIds(List.of(orderId)).get(0);
    }

    /**
     * Cancels an order before it ships. An unpaid order gives back its reservation and leaves its checkout's total
     * (the checkout is cancelled with its last order); not while a payment of the checkout is in progress, whose
     * amount is that total. A paid one puts its units back on hand, returns its held share and commission to the
     * escrow and is refunded from there, in this transaction (the provider is called after commit).
     */
    @Transactional
    public OrderView cancel(CurrentUser caller, UUID orderId, @Nullable String reason) {
        var seen = visible(caller, orderId);
        var checkout = store.lockCheckout(seen.checkoutId()).orElseThrow(OrderingErrors::orderNotFound);
        var order = store.findForUpdate(orderId).orElseThrow(OrderingErrors::orderNotFound);
        boolean paid = order.isPaid();
        if (order.status() == OrderStatus.PENDING_PAYMENT
                && payments.hasPendingPayment(PaymentPurpose.CHECKOUT, checkout.id())) {
            throw OrderingErrors.paymentInProgress();
        }
        var now = now();
        var note = OrderStore.nullable(reason);
        store.record(order, order.cancel(actor(caller, order), note, now));
        var quantities = store.quantities(List.of(orderId));
        if (paid) {
            catalog.restock(quantities);
            money.voidHolds(checkout, order);
            money.refund(
                    checkout,
                    order,
                    "order-cancel:" + order.id(),
                    order.subtotal(),
                    note == null ? "Order " + order.id() + " cancelled" : "Order cancelled: " + note);
        } else {
            catalog.release(quantities);
            long total = checkout.total().amount() - order.subtotal().amount();
            boolean anyLeft = store.ordersOfCheckoutForUpdate(checkout.id()).stream()
                    .anyMatch(other -> other.status() != OrderStatus.CANCELLED);
            store.updateCheckout(checkout.id(), anyLeft ? checkout.status() : "CANCELLED", total, now);
        }
        return views.byIds(List.of(orderId)).get(0);
    }

    /** The caller's orders as a buyer, newest first. */
    @Transactional(readOnly = true)
    public Page<OrderView> buyerOrders(CurrentUser caller, @Nullable OrderStatus status, PageRequest page) {
        return list("buyer_id", "buyer-orders", caller.id(), status, page);
    }

    /** Orders of the calling seller's products, newest first. */
    @Transactional(readOnly = true)
    public Page<OrderView> sellerOrders(CurrentUser caller, @Nullable OrderStatus status, PageRequest page) {
        if (!caller.isSeller()) {
            throw ApiException.forbidden("Only sellers have orders to fulfil");
        }
        return list("seller_id", "seller-orders", caller.id(), status, page);
    }

    record ListCursor(
            @Nullable String kind,
            @Nullable Instant createdAt,
            @Nullable UUID id) {}

    /**
     * Every order, newest first, optionally of one status, buyer and seller: the admins' view. A cursor continues only
     * the list of the same buyer and seller.
     */
    @Transactional(readOnly = true)
    public Page<OrderView> allOrders(
            @Nullable OrderStatus status, @Nullable UUID buyerId, @Nullable UUID sellerId, PageRequest page) {
        var parties = new LinkedHashMap<String, UUID>();
        if (buyerId != null) {
            parties.put("buyer_id", buyerId);
        }
        if (sellerId != null) {
            parties.put("seller_id", sellerId);
        }
        return list(parties, "admin-orders:" + buyerId + ":" + sellerId, status, page);
    }

    private Page<OrderView> list(
            String partyColumn, String kind, UUID userId, @Nullable OrderStatus status, PageRequest page) {
        return list(Map.of(partyColumn, userId), kind, status, page);
    }

    /** Orders of the given parties ({@code buyer_id}/{@code seller_id} → user), newest first, keyset-paged. */
    private Page<OrderView> list(
            Map<String, UUID> parties, String kind, @Nullable OrderStatus status, PageRequest page) {
        // a cursor continues only the list it came from: the same kind, the same parties, the same status
        var list = kind + ":" + parties + ":" + status;
        var after = cursors.decodeFor(
                page.cursor(),
                ListCursor.class,
                position -> list.equals(position.kind()) && position.createdAt() != null && position.id() != null);
        var sql = new StringBuilder("select " + OrderViews.COLUMNS + " from orders o where true");
        parties.keySet()
                .forEach(column ->
                        sql.append(" and o.").append(column).append(" = :").append(column));
        if (status != null) {
            sql.append(" and o.status = :status");
        }
        if (after != null) {
            sql.append(" and (o.created_at, o.id) < (:afterTime, :afterId)");
        }
        sql.append(" order by o.created_at desc, o.id desc limit :fetch");
        var query = jdbc.sql(sql.toString()).param("fetch", page.fetchSize());
        for (var party : parties.entrySet()) {
            query = query.param(party.getKey(), party.getValue());
        }
        if (status != null) {
            query = query.param("status", status.name());
        }
        if (after != null) {
            query = query.param("afterTime", Timestamp.from(Objects.requireNonNull(after.createdAt())))
                    .param("afterId", after.id());
        }
        var rows = query.query((rs, n) -> OrderViews.row(rs)).list();
        var rowPage =
                Page.of(rows, page.limit(), row -> cursors.encode(new ListCursor(list, row.createdAt(), row.id())));
        return new Page<>(views.of(rowPage.items()), rowPage.nextCursor());
    }

    /** The order if the caller is its buyer or seller (or an admin); anyone else gets 404, never 403. */
    private Order visible(CurrentUser caller, UUID orderId) {
        return store.find(orderId)
                .filter(order -> caller.isAdmin() || order.partyOf(caller.id()).isPresent())
                .orElseThrow(OrderingErrors::orderNotFound);
    }

    private Order forUpdate(CurrentUser caller, UUID orderId) {
        return store.findForUpdate(orderId)
                .filter(order -> caller.isAdmin() || order.partyOf(caller.id()).isPresent())
                .orElseThrow(OrderingErrors::orderNotFound);
    }

    private static Order.Actor actor(CurrentUser caller, Order order) {
        return new Order.Actor(
                caller.id(),
                order.partyOf(caller.id()).orElse(caller.isAdmin() ? Order.Party.ADMIN : Order.Party.BUYER));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
