package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.ordering.OrderStatusChanged;
import com.betanet.marketplace.ordering.domain.Order;
import com.betanet.marketplace.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Orders and checkouts in SQL. Every status change goes through {@link #record}: row, timeline and event together. */
@Component
class OrderStore {

    record CheckoutRow(
            UUID id,
            UUID buyerId,
            String status,
            Money total,
            Instant expiresAt,
            @Nullable UUID paidByPaymentId) {}

    record Line(UUID productId, String title, Money unitPrice, int quantity) {
        Money lineTotal() {
            return unitPrice.times(quantity);
        }
    }

    private static final String ORDER_COLUMNS = """
            o.id, o.checkout_id, o.buyer_id, o.seller_id, o.subtotal_amount, o.currency, o.status, o.tracking_number,
            o.delivered_at, o.updated_at, (select max(e.sequence) from order_events e where e.order_id = o.id) as last_seq
            """;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    OrderStore(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * An order about to be placed: the order, its first timeline entry ({@link Order#placed}: no previous status, note
     * or tracking number, made at the checkout's time) and its lines.
     */
    record PlacedOrder(Order order, Order.Change placed, List<Line> lines) {}

    /**
     * Writes a new checkout with its orders, their items and their first timeline entries in one statement (one round
     * trip: the rows go as arrays; foreign keys are checked at the end of the statement), then publishes each order's
     * change like {@link #record} does.
     */
    void insertCheckout(
            UUID id,
            UUID buyerId,
            Money total,
            String address,
            Instant expiresAt,
            Instant now,
            List<PlacedOrder> orders) {
        var items = orders.stream()
                .flatMap(placed -> placed.lines().stream()
                        .map(line -> Map.entry(placed.order().id(), line)))
                .toList();
        jdbc.sql("""
                        with checkout as (
                            insert into checkouts (id, buyer_id, status, total_amount, currency, shipping_address,
                                                   expires_at, created_at, updated_at)
                            values (:id, :buyer, 'PENDING_PAYMENT', :total, :currency, :address::jsonb, :expires, :now,
                                    :now)
                        ), placed as (
                            insert into orders (id, checkout_id, buyer_id, seller_id, status, subtotal_amount, currency,
                                                shipping_address, created_at, updated_at)
                            select o.id, :id, :buyer, o.seller_id, o.status, o.subtotal, :currency, :address::jsonb,
                                   :now, :now
                              from unnest(:orderIds::uuid[], :sellerIds::uuid[], :statuses::text[], :subtotals::bigint[])
                                   as o(id, seller_id, status, subtotal)
                        ), lines as (
                            insert into order_items (order_id, product_id, title, unit_price_amount, quantity,
                                                     line_total_amount)
                            select * from unnest(:itemOrderIds::uuid[], :productIds::uuid[], :titles::text[],
                                                 :unitPrices::bigint[], :quantities::int[], :lineTotals::bigint[])
                        )
                        insert into order_events (order_id, sequence, status, previous_status, note, tracking_number,
                                                  actor_id, actor_role, at)
                        select e.order_id, e.sequence, e.status, null, null, null, e.actor_id, e.actor_role, :now
                          from unnest(:orderIds::uuid[], :sequences::int[], :statuses::text[], :actorIds::uuid[],
                                      :actorRoles::text[]) as e(order_id, sequence, status, actor_id, actor_role)""")
                .param("id", id)
                .param("buyer", buyerId)
                .param("total", total.amount())
                .param("currency", total.currency())
                .param("address", address)
                .param("expires", Timestamp.from(expiresAt))
                .param("now", Timestamp.from(now))
                .param("orderIds", texts(orders, placed -> placed.order().id()))
                .param("sellerIds", texts(orders, placed -> placed.order().sellerId()))
                .param(
                        "statuses",
                        texts(orders, placed -> placed.order().status().name()))
                .param(
                        "subtotals",
                        orders.stream()
                                .mapToLong(placed -> placed.order().subtotal().amount())
                                .toArray())
                .param(
                        "sequences",
                        orders.stream()
                                .mapToInt(placed -> placed.placed().sequence())
                                .toArray())
                .param(
                        "actorIds",
                        texts(orders, placed -> placed.placed().actor().id()))
                .param(
                        "actorRoles",
                        texts(orders, placed -> placed.placed().actor().role().name()))
                .param("itemOrderIds", texts(items, Map.Entry::getKey))
                .param("productIds", texts(items, item -> item.getValue().productId()))
                .param("titles", texts(items, item -> item.getValue().title()))
                .param(
                        "unitPrices",
                        items.stream()
                                .mapToLong(item -> item.getValue().unitPrice().amount())
                                .toArray())
                .param(
                        "quantities",
                        items.stream()
                                .mapToInt(item -> item.getValue().quantity())
                                .toArray())
                .param(
                        "lineTotals",
                        items.stream()
                                .mapToLong(item -> item.getValue().lineTotal().amount())
                                .toArray())
                .update();
        orders.forEach(placed -> publish(placed.order(), placed.placed()));
    }

    /** A text[] parameter (the driver sends String[] as one array value); uuids are cast back in the SQL. */
    private static <T> String[] texts(List<T> rows, Function<T, @Nullable Object> value) {
        return rows.stream()
                .map(row -> Objects.toString(value.apply(row), null))
                .toArray(String[]::new);
    }

    /** Stores the order's new state, appends the change to its timeline and publishes it (outbox), in one go. */
    void record(Order order, Order.Change change) {
        jdbc.sql("""
                        update orders set status = :status, tracking_number = :tracking, delivered_at = :delivered,
                                          updated_at = :at, version = version + 1
                         where id = :id""")
                .param("status", order.status().name())
                .param("tracking", order.trackingNumber())
                .param("delivered", order.deliveredAt() == null ? null : Timestamp.from(order.deliveredAt()))
                .param("at", Timestamp.from(change.at()))
                .param("id", order.id())
                .update();
        appendAndPublish(order, change);
    }

    private void appendAndPublish(Order order, Order.Change change) {
        jdbc.sql("""
                        insert into order_events (order_id, sequence, status, previous_status, note, tracking_number,
                                                  actor_id, actor_role, at)
                        values (:order, :seq, :status, :previous, :note, :tracking, :actor, :role, :at)""")
                .param("order", order.id())
                .param("seq", change.sequence())
                .param("status", change.status().name())
                .param(
                        "previous",
                        change.previousStatus() == null
                                ? null
                                : change.previousStatus().name())
                .param("note", change.note())
                .param("tracking", change.trackingNumber())
                .param("actor", change.actor().id())
                .param("role", change.actor().role().name())
                .param("at", Timestamp.from(change.at()))
                .update();
        publish(order, change);
    }

    private void publish(Order order, Order.Change change) {
        events.publishEvent(new OrderStatusChanged(
                order.id(),
                order.checkoutId(),
                order.buyerId(),
                order.sellerId(),
                change.sequence(),
                change.status(),
                change.previousStatus(),
                change.trackingNumber(),
                change.note(),
                change.at()));
    }

    Optional<Order> find(UUID orderId) {
        return jdbc.sql("select " + ORDER_COLUMNS + " from orders o where o.id = ?")
                .param(orderId)
                .query((rs, n) -> order(rs))
                .optional();
    }

    /**
     * The order, locked. Locked first and read after, in two statements: a {@code FOR UPDATE} that waited for another
     * transition reads the row as that one left it, but its timeline subquery with the snapshot it started with, so
     * one statement would give the next change the sequence the other one just took.
     */
    Optional<Order> findForUpdate(UUID orderId) {
        var locked = jdbc.sql("select o.id from orders o where o.id = ? for update of o")
                .param(orderId)
                .query(UUID.class)
                .optional();
        return locked.isEmpty() ? Optional.empty() : find(orderId);
    }

    /** The orders of a checkout, locked, in id order (the one order every path locks them in); read after locking. */
    List<Order> ordersOfCheckoutForUpdate(UUID checkoutId) {
        jdbc.sql("select o.id from orders o where o.checkout_id = ? order by o.id for update of o")
                .param(checkoutId)
                .query(UUID.class)
                .list();
        return jdbc.sql("select " + ORDER_COLUMNS + " from orders o where o.checkout_id = ? order by o.id")
                .param(checkoutId)
                .query((rs, n) -> order(rs))
                .list();
    }

    Optional<CheckoutRow> lockCheckout(UUID checkoutId) {
        return jdbc.sql("select " + CHECKOUT_COLUMNS + " from checkouts where id = ? for update")
                .param(checkoutId)
                .query((rs, n) -> checkout(rs))
                .optional();
    }

    /**
     * The buyer's checkout, locked for share: while the payment that reads it commits, it can neither expire (the
     * expiry job skips locked rows) nor change its total (a cancellation waits).
     */
    Optional<CheckoutRow> shareLockCheckout(UUID checkoutId, UUID buyerId) {
        return jdbc.sql("select " + CHECKOUT_COLUMNS + " from checkouts where id = ? and buyer_id = ? for share")
                .params(checkoutId, buyerId)
                .query((rs, n) -> checkout(rs))
                .optional();
    }

    private static final String CHECKOUT_COLUMNS =
            "id, buyer_id, status, total_amount, currency, expires_at, paid_by_payment_id";

    private static CheckoutRow checkout(ResultSet rs) throws SQLException {
        return new CheckoutRow(
                rs.getObject("id", UUID.class),
                rs.getObject("buyer_id", UUID.class),
                rs.getString("status"),
                Money.of(rs.getLong("total_amount"), rs.getString("currency")),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getObject("paid_by_payment_id", UUID.class));
    }

    void checkoutPaid(UUID checkoutId, UUID paymentId, Instant now) {
        jdbc.sql("""
                        update checkouts set status = 'PAID', paid_by_payment_id = ?, updated_at = ?,
                                             version = version + 1
                         where id = ?""").params(paymentId, Timestamp.from(now), checkoutId).update();
    }

    void updateCheckout(UUID checkoutId, String status, long totalAmount, Instant now) {
        jdbc.sql("""
                        update checkouts set status = ?, total_amount = ?, updated_at = ?, version = version + 1
                         where id = ?""")
                .params(status, totalAmount, Timestamp.from(now), checkoutId)
                .update();
    }

    /** Units per product of the given orders. */
    Map<UUID, Integer> quantities(List<UUID> orderIds) {
        var quantities = new HashMap<UUID, Integer>();
        if (orderIds.isEmpty()) {
            return quantities;
        }
        jdbc.sql("select product_id, quantity from order_items where order_id in (:ids)")
                .param("ids", orderIds)
                .query((rs, n) ->
                        quantities.merge(rs.getObject("product_id", UUID.class), rs.getInt("quantity"), Integer::sum))
                .list();
        return quantities;
    }

    int openCheckouts(UUID buyerId, Instant now) {
        return jdbc.sql("""
                        select count(*) from checkouts
                         where buyer_id = ? and status = 'PENDING_PAYMENT' and expires_at > ?""")
                .params(buyerId, Timestamp.from(now))
                .query(Integer.class)
                .single();
    }

    /** Serialises the checkouts of one buyer (the open-checkout limit is counted, then kept). */
    void lockBuyer(UUID buyerId) {
        jdbc.sql("select pg_advisory_xact_lock(?)")
                .param(buyerId.getMostSignificantBits() ^ buyerId.getLeastSignificantBits())
                .query((rs, n) -> 1)
                .list();
    }

    private static Order order(ResultSet rs) throws SQLException {
        var delivered = rs.getTimestamp("delivered_at");
        return new Order(
                rs.getObject("id", UUID.class),
                rs.getObject("checkout_id", UUID.class),
                rs.getObject("buyer_id", UUID.class),
                rs.getObject("seller_id", UUID.class),
                Money.of(rs.getLong("subtotal_amount"), rs.getString("currency")),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("tracking_number"),
                delivered == null ? null : delivered.toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getInt("last_seq"));
    }

    static @Nullable String nullable(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
