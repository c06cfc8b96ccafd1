package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.identity.UserDirectory;
import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.shared.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds the API's views of orders and checkouts: a fixed number of queries for any number of orders (no N+1). */
@Component
public class OrderViews {

    /** The contract's {@code UserSummary}; the fields are null only if the account row were ever gone. */
    public record UserRef(
            UUID id,
            @Nullable String username,
            @Nullable String fullName,
            @Nullable String avatarUrl) {}

    public record SellerRef(
            UUID id, @Nullable String username, @Nullable String shopName) {}

    public record ItemView(UUID productId, String title, Money unitPrice, int quantity, Money lineTotal) {}

    public record OrderView(
            UUID id,
            UUID checkoutId,
            UserRef buyer,
            SellerRef seller,
            List<ItemView> items,
            Money subtotal,
            OrderStatus status,
            ShippingAddress shippingAddress,
            @Nullable String trackingNumber,
            Instant createdAt,
            Instant updatedAt) {}

    public record CheckoutView(
            UUID id, String status, Money total, Instant expiresAt, List<OrderView> orders, Instant createdAt) {}

    public record ActorView(@Nullable UUID id, @Nullable String username, String role) {}

    public record EventView(
            int sequence,
            OrderStatus status,
            @Nullable OrderStatus previousStatus,
            @Nullable String note,
            @Nullable String trackingNumber,
            ActorView actor,
            Instant at) {}

    /** An order row as the lists read it. */
    record Row(
            UUID id,
            UUID checkoutId,
            UUID buyerId,
            UUID sellerId,
            Money subtotal,
            OrderStatus status,
            String shippingAddress,
            @Nullable String trackingNumber,
            Instant createdAt,
            Instant updatedAt) {}

    static final String COLUMNS = "o.id, o.checkout_id, o.buyer_id, o.seller_id, o.subtotal_amount, o.currency,"
            + " o.status, o.shipping_address::text as shipping_address, o.tracking_number, o.created_at, o.updated_at";

    static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("checkout_id", UUID.class),
                rs.getObject("buyer_id", UUID.class),
                rs.getObject("seller_id", UUID.class),
                Money.of(rs.getLong("subtotal_amount"), rs.getString("currency")),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("shipping_address"),
                rs.getString("tracking_number"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final JsonMapper json;

    OrderViews(JdbcClient jdbc, UserDirectory users, JsonMapper json) {
        this.jdbc = jdbc;
        this.users = users;
        this.json = json;
    }

    List<OrderView> byIds(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        var rows = jdbc.sql("select " + COLUMNS + " from orders o where o.id in (:ids) order by o.seller_id, o.id")
                .param("ids", ids)
                .query((rs, n) -> row(rs))
                .list();
        return of(rows);
    }

    List<OrderView> of(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        var orderIds = rows.stream().map(Row::id).toList();
        var items = new HashMap<UUID, List<ItemView>>();
        jdbc.sql("""
                        select i.order_id, i.product_id, i.title, i.unit_price_amount, i.quantity, i.line_total_amount,
                               o.currency
                          from order_items i join orders o on o.id = i.order_id
                         where i.order_id in (:ids) order by i.order_id, i.product_id""")
                .param("ids", orderIds)
                .query((rs, n) -> {
                    var currency = rs.getString("currency");
                    items.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>())
                            .add(new ItemView(
                                    rs.getObject("product_id", UUID.class),
                                    rs.getString("title"),
                                    Money.of(rs.getLong("unit_price_amount"), currency),
                                    rs.getInt("quantity"),
                                    Money.of(rs.getLong("line_total_amount"), currency)));
                    return null;
                })
                .list();
        var buyerIds = new HashSet<UUID>();
        var sellerIds = new HashSet<UUID>();
        rows.forEach(row -> {
            buyerIds.add(row.buyerId());
            sellerIds.add(row.sellerId());
        });
        // Two batch lookups for the whole page, whatever its size.
        var buyers = users.summaries(buyerIds);
        var sellers = users.sellers(sellerIds);
        return rows.stream()
                .map(row -> view(
                        row,
                        json.readValue(row.shippingAddress(), ShippingAddress.class),
                        items.getOrDefault(row.id(), List.of()),
                        buyers,
                        sellers))
                .toList();
    }

    private static OrderView view(
            Row row,
            ShippingAddress address,
            List<ItemView> items,
            Map<UUID, UserDirectory.UserSummary> buyers,
            Map<UUID, UserDirectory.SellerSummary> sellers) {
        var buyer = buyers.get(row.buyerId());
        var seller = sellers.get(row.sellerId());
        return new OrderView(
                row.id(),
                row.checkoutId(),
                buyer == null
                        ? new UserRef(row.buyerId(), null, null, null)
                        : new UserRef(buyer.id(), buyer.username(), buyer.fullName(), buyer.avatarUrl()),
                new SellerRef(
                        row.sellerId(),
                        seller == null ? null : seller.username(),
                        seller == null ? null : seller.shopName()),
                items,
                row.subtotal(),
                row.status(),
                address,
                row.trackingNumber(),
                row.createdAt(),
                row.updatedAt());
    }

    /** PostgreSQL's order of uuids (unsigned bytes), which {@link UUID#compareTo} (signed longs) is not. */
    static final Comparator<UUID> SQL_ORDER = Comparator.comparing(UUID::getMostSignificantBits, Long::compareUnsigned)
            .thenComparing(UUID::getLeastSignificantBits, Long::compareUnsigned);

    /**
     * The view of a checkout its transaction has just written, from what it wrote: the same as {@link #checkout} would
     * read back (orders by seller, items by product), with the faces of buyer and sellers as the only reads.
     */
    CheckoutView placed(
            UUID checkoutId,
            Money total,
            Instant expiresAt,
            Instant createdAt,
            ShippingAddress address,
            List<OrderStore.PlacedOrder> placed) {
        var buyers = users.summaries(
                placed.stream().map(order -> order.order().buyerId()).distinct().toList());
        var sellers = users.sellers(placed.stream()
                .map(order -> order.order().sellerId())
                .distinct()
                .toList());
        var orders = placed.stream()
                .sorted(Comparator.comparing(
                                (OrderStore.PlacedOrder order) -> order.order().sellerId(), SQL_ORDER)
                        .thenComparing(order -> order.order().id(), SQL_ORDER))
                .map(order -> view(
                        new Row(
                                order.order().id(),
                                checkoutId,
                                order.order().buyerId(),
                                order.order().sellerId(),
                                order.order().subtotal(),
                                order.order().status(),
                                "", // not read: the address goes to view() as the record itself
                                null,
                                createdAt,
                                createdAt),
                        address,
                        order.lines().stream()
                                .sorted(Comparator.comparing(OrderStore.Line::productId, SQL_ORDER))
                                .map(line -> new ItemView(
                                        line.productId(),
                                        line.title(),
                                        line.unitPrice(),
                                        line.quantity(),
                                        line.lineTotal()))
                                .toList(),
                        buyers,
                        sellers))
                .toList();
        return new CheckoutView(checkoutId, "PENDING_PAYMENT", total, expiresAt, orders, createdAt);
    }

    /** The checkout when {@code buyerId} is its buyer. */
    java.util.Optional<CheckoutView> checkoutOf(UUID checkoutId, UUID buyerId) {
        var owned = jdbc.sql("select exists(select 1 from checkouts where id = ? and buyer_id = ?)")
                .params(checkoutId, buyerId)
                .query(Boolean.class)
                .single();
        return owned ? java.util.Optional.of(checkout(checkoutId)) : java.util.Optional.empty();
    }

    CheckoutView checkout(UUID checkoutId) {
        var orderIds = jdbc.sql("select id from orders where checkout_id = ?")
                .param(checkoutId)
                .query(UUID.class)
                .list();
        var orders = byIds(orderIds);
        return jdbc.sql("select id, status, total_amount, currency, expires_at, created_at from checkouts where id = ?")
                .param(checkoutId)
                .query((rs, n) -> new CheckoutView(
                        rs.getObject("id", UUID.class),
                        rs.getString("status"),
                        Money.of(rs.getLong("total_amount"), rs.getString("currency")),
                        rs.getTimestamp("expires_at").toInstant(),
                        orders,
                        rs.getTimestamp("created_at").toInstant()))
                .single();
    }

    List<EventView> events(UUID orderId) {
        record EventRow(
                int sequence,
                OrderStatus status,
                @Nullable OrderStatus previous,
                @Nullable String note,
                @Nullable String tracking,
                @Nullable UUID actorId,
                String role,
                Instant at) {}
        var rows = jdbc.sql("""
                        select sequence, status, previous_status, note, tracking_number, actor_id, actor_role, at
                          from order_events where order_id = ? order by sequence""")
                .param(orderId)
                .query((rs, n) -> {
                    var previous = rs.getString("previous_status");
                    return new EventRow(
                            rs.getInt("sequence"),
                            OrderStatus.valueOf(rs.getString("status")),
                            previous == null ? null : OrderStatus.valueOf(previous),
                            rs.getString("note"),
                            rs.getString("tracking_number"),
                            rs.getObject("actor_id", UUID.class),
                            rs.getString("actor_role"),
                            rs.getTimestamp("at").toInstant());
                })
                .list();
        Map<UUID, UserDirectory.SellerSummary> directory = users.sellers(rows.stream()
                .map(EventRow::actorId)
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList());
        return rows.stream()
                .map(row -> {
                    var actor = row.actorId() == null ? null : directory.get(row.actorId());
                    return new EventView(
                            row.sequence(),
                            row.status(),
                            row.previous(),
                            row.note(),
                            row.tracking(),
                            new ActorView(row.actorId(), actor == null ? null : actor.username(), row.role()),
                            row.at());
                })
                .toList();
    }
}
