package com.betanet.marketplace.ordering.domain;

import static com.betanet.marketplace.ordering.OrderStatus.CANCELLED;
import static com.betanet.marketplace.ordering.OrderStatus.COMPLETED;
import static com.betanet.marketplace.ordering.OrderStatus.CONFIRMED;
import static com.betanet.marketplace.ordering.OrderStatus.DELIVERED;
import static com.betanet.marketplace.ordering.OrderStatus.DISPUTED;
import static com.betanet.marketplace.ordering.OrderStatus.PENDING_PAYMENT;
import static com.betanet.marketplace.ordering.OrderStatus.PROCESSING;
import static com.betanet.marketplace.ordering.OrderStatus.REFUNDED;
import static com.betanet.marketplace.ordering.OrderStatus.SHIPPED;

import com.betanet.marketplace.ordering.OrderStatus;
import com.betanet.marketplace.shared.Money;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One seller's part of a checkout, and the state machine it follows. The transition table of the API contract is
 * {@link #TRANSITIONS}; every method that moves the order goes through {@link #move}, which refuses a move the table
 * does not have (409 {@code invalid_transition}) or one made by the wrong party (403 {@code forbidden}), and returns
 * the timeline entry to append.
 */
public final class Order {

    /** Who acts on an order. */
    public enum Party {
        BUYER,
        SELLER,
        ADMIN,
        SYSTEM
    }

    public record Actor(@Nullable UUID id, Party role) {
        public static final Actor SYSTEM = new Actor(null, Party.SYSTEM);
    }

    /** A timeline entry: the order entered {@code status} from {@code previousStatus}. */
    public record Change(
            int sequence,
            OrderStatus status,
            @Nullable OrderStatus previousStatus,
            @Nullable String note,
            @Nullable String trackingNumber,
            Actor actor,
            Instant at) {}

    static final Map<OrderStatus, Map<OrderStatus, Set<Party>>> TRANSITIONS = new EnumMap<>(OrderStatus.class);

    static {
        allow(PENDING_PAYMENT, CONFIRMED, Party.SYSTEM);
        allow(PENDING_PAYMENT, CANCELLED, Party.BUYER, Party.SELLER, Party.SYSTEM);
        allow(CONFIRMED, PROCESSING, Party.SELLER);
        allow(CONFIRMED, SHIPPED, Party.SELLER);
        allow(PROCESSING, SHIPPED, Party.SELLER);
        allow(CONFIRMED, CANCELLED, Party.BUYER, Party.SELLER, Party.ADMIN);
        allow(PROCESSING, CANCELLED, Party.BUYER, Party.SELLER, Party.ADMIN);
        allow(SHIPPED, DELIVERED, Party.SELLER);
        allow(SHIPPED, COMPLETED, Party.BUYER, Party.SYSTEM);
        allow(DELIVERED, COMPLETED, Party.BUYER, Party.SYSTEM);
        allow(SHIPPED, DISPUTED, Party.BUYER, Party.SYSTEM);
        allow(DELIVERED, DISPUTED, Party.BUYER, Party.SYSTEM);
        // a chargeback: the payer's bank disputes the payment before the goods left (see chargeback)
        allow(CONFIRMED, DISPUTED, Party.SYSTEM);
        allow(PROCESSING, DISPUTED, Party.SYSTEM);
        allow(DISPUTED, COMPLETED, Party.ADMIN);
        // SYSTEM: a lost chargeback, the bank gave the payer the money back (see chargedBack)
        allow(DISPUTED, REFUNDED, Party.ADMIN, Party.SYSTEM);
    }

    private static void allow(OrderStatus from, OrderStatus to, Party... parties) {
        TRANSITIONS
                .computeIfAbsent(from, status -> new EnumMap<>(OrderStatus.class))
                .put(to, Set.of(parties));
    }

    private final UUID id;
    private final UUID checkoutId;
    private final UUID buyerId;
    private final UUID sellerId;
    private final Money subtotal;
    private OrderStatus status;
    private @Nullable String trackingNumber;
    private @Nullable Instant deliveredAt;
    private Instant updatedAt;
    private int lastSequence;

    public Order(
            UUID id,
            UUID checkoutId,
            UUID buyerId,
            UUID sellerId,
            Money subtotal,
            OrderStatus status,
            @Nullable String trackingNumber,
            @Nullable Instant deliveredAt,
            Instant updatedAt,
            int lastSequence) {
        this.id = id;
        this.checkoutId = checkoutId;
        this.buyerId = buyerId;
        this.sellerId = sellerId;
        this.subtotal = subtotal;
        this.status = status;
        this.trackingNumber = trackingNumber;
        this.deliveredAt = deliveredAt;
        this.updatedAt = updatedAt;
        this.lastSequence = lastSequence;
    }

    /** A new order waiting for its checkout's payment; its first timeline entry is the buyer placing it. */
    public static Order place(UUID id, UUID checkoutId, UUID buyerId, UUID sellerId, Money subtotal, Instant at) {
        return new Order(id, checkoutId, buyerId, sellerId, subtotal, PENDING_PAYMENT, null, null, at, 0);
    }

    public Change placed(Instant at) {
        lastSequence = 1;
        return new Change(1, PENDING_PAYMENT, null, null, null, new Actor(buyerId, Party.BUYER), at);
    }

    /** The party {@code userId} plays on this order, or empty when the order is none of their business. */
    public java.util.Optional<Party> partyOf(UUID userId) {
        if (userId.equals(buyerId)) {
            return java.util.Optional.of(Party.BUYER);
        }
        if (userId.equals(sellerId)) {
            return java.util.Optional.of(Party.SELLER);
        }
        return java.util.Optional.empty();
    }

    public Change confirmPayment(Instant at) {
        return move(Actor.SYSTEM, CONFIRMED, null, at);
    }

    /** The seller's fulfilment steps: PROCESSING, SHIPPED (optionally with a tracking number), DELIVERED. */
    public Change fulfil(
            Actor actor, OrderStatus target, @Nullable String trackingNumber, @Nullable String note, Instant at) {
        if (target != PROCESSING && target != SHIPPED && target != DELIVERED) {
            throw invalid(target);
        }
        var change = move(actor, target, note, at, target == SHIPPED ? trackingNumber : null);
        if (target == SHIPPED && trackingNumber != null) {
            this.trackingNumber = trackingNumber;
        }
        if (target == DELIVERED) {
            deliveredAt = at;
        }
        return change;
    }

    public Change confirmReceipt(Actor actor, Instant at) {
        return move(actor, COMPLETED, null, at);
    }

    public Change autoComplete(Instant at) {
        return move(Actor.SYSTEM, COMPLETED, "Completed automatically after delivery", at);
    }

    public Change dispute(Actor actor, String reason, Instant at) {
        return move(actor, DISPUTED, reason, at);
    }

    /**
     * The payer's bank disputes the payment (a card chargeback): a paid order whose money is still in escrow stops
     * where it is, so nothing more is shipped and no seller is paid from money the bank may take back, until an admin
     * decides.
     */
    public Change chargeback(String reason, Instant at) {
        return move(Actor.SYSTEM, DISPUTED, reason, at);
    }

    /**
     * The payer's bank decided the chargeback for the payer and the provider took the money back: the order, frozen
     * by {@link #chargeback}, ends REFUNDED.
     */
    public Change chargedBack(String reason, Instant at) {
        return move(Actor.SYSTEM, REFUNDED, reason, at);
    }

    /** Whether a chargeback still freezes this order: paid, not yet completed, disputed or cancelled. */
    public boolean isInEscrow() {
        return status == CONFIRMED || status == PROCESSING || status == SHIPPED || status == DELIVERED;
    }

    /** An admin settles the dispute for the seller: the order completes and the seller is paid. */
    public Change releaseDispute(Actor admin, String note, Instant at) {
        return move(admin, COMPLETED, note, at);
    }

    /** An admin settles the dispute for the buyer: the order is refunded. */
    public Change refundDispute(Actor admin, String note, Instant at) {
        return move(admin, REFUNDED, note, at);
    }

    /** Cancels the order; whether it had been paid decides what happens to the stock (see {@link #wasPaid}). */
    public Change cancel(Actor actor, @Nullable String reason, Instant at) {
        return move(actor, CANCELLED, reason, at);
    }

    public Change expire(Instant at) {
        return move(Actor.SYSTEM, CANCELLED, "The checkout expired unpaid", at);
    }

    /** Whether stock of this order was sold (paid) rather than only reserved; asked before a cancellation. */
    public boolean isPaid() {
        return status != PENDING_PAYMENT && status != CANCELLED;
    }

    private Change move(Actor actor, OrderStatus target, @Nullable String note, Instant at) {
        return move(actor, target, note, at, null);
    }

    private Change move(
            Actor actor, OrderStatus target, @Nullable String note, Instant at, @Nullable String trackingNumber) {
        var allowed = TRANSITIONS.getOrDefault(status, Map.of()).get(target);
        if (allowed == null) {
            throw invalid(target);
        }
        if (!allowed.contains(actor.role())) {
            // what only the system does (a payment confirming, a chargeback freezing a paid order) is no move a
            // person can make from here at all: 409, not 403
            throw allowed.equals(Set.of(Party.SYSTEM)) ? invalid(target) : OrderingErrors.wrongParty(target);
        }
        var previous = status;
        status = target;
        updatedAt = at;
        lastSequence++;
        return new Change(lastSequence, target, previous, note, trackingNumber, actor, at);
    }

    private RuntimeException invalid(OrderStatus target) {
        return OrderingErrors.invalidTransition(status, target);
    }

    public UUID id() {
        return id;
    }

    public UUID checkoutId() {
        return checkoutId;
    }

    public UUID buyerId() {
        return buyerId;
    }

    public UUID sellerId() {
        return sellerId;
    }

    public Money subtotal() {
        return subtotal;
    }

    public OrderStatus status() {
        return status;
    }

    public @Nullable String trackingNumber() {
        return trackingNumber;
    }

    public @Nullable Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
