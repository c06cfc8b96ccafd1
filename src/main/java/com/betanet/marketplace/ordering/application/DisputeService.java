package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.identity.UserDirectory;
import com.betanet.marketplace.ordering.application.OrderViews.SellerRef;
import com.betanet.marketplace.ordering.application.OrderViews.UserRef;
import com.betanet.marketplace.ordering.domain.DisputeOutcome;
import com.betanet.marketplace.ordering.domain.DisputeStatus;
import com.betanet.marketplace.ordering.domain.Order;
import com.betanet.marketplace.ordering.domain.OrderingErrors;
import com.betanet.marketplace.shared.Money;
import com.betanet.marketplace.shared.security.CurrentUser;
import com.betanet.marketplace.shared.web.CursorCodec;
import com.betanet.marketplace.shared.web.Page;
import com.betanet.marketplace.shared.web.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Buyer protection as admins run it: the open disputes, and their resolution. RELEASE completes the order and pays
 * the seller exactly as a confirmed receipt would; REFUND voids the order's holds and refunds its subtotal to the
 * buyer. Either way the order, its money, its timeline and the dispute row change in one transaction.
 */
@Service
public class DisputeService {

    public record DisputeView(
            UUID id,
            UUID orderId,
            UUID checkoutId,
            UserRef buyer,
            SellerRef seller,
            Money subtotal,
            String reason,
            DisputeStatus status,
            @Nullable DisputeOutcome outcome,
            @Nullable String note,
            Instant openedAt,
            @Nullable Instant resolvedAt,
            @Nullable UserRef resolvedBy) {}

    record ListCursor(
            @Nullable String kind,
            @Nullable Instant openedAt,
            @Nullable UUID id) {}

    private final DisputeStore disputes;
    private final OrderStore orders;
    private final OrderMoney money;
    private final UserDirectory users;
    private final CursorCodec cursors;
    private final Clock clock;

    DisputeService(
            DisputeStore disputes,
            OrderStore orders,
            OrderMoney money,
            UserDirectory users,
            CursorCodec cursors,
            Clock clock) {
        this.disputes = disputes;
        this.orders = orders;
        this.money = money;
        this.users = users;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** Disputes, newest first, optionally of one status. */
    @Transactional(readOnly = true)
    public Page<DisputeView> list(@Nullable DisputeStatus status, PageRequest page) {
        var kind = "disputes:" + (status == null ? "ALL" : status.name());
        var after = cursors.decodeFor(
                page.cursor(),
                ListCursor.class,
                position -> kind.equals(position.kind()) && position.openedAt() != null && position.id() != null);
        var rows = disputes.list(
                status, after == null ? null : after.openedAt(), after == null ? null : after.id(), page.fetchSize());
        var rowPage =
                Page.of(rows, page.limit(), row -> cursors.encode(new ListCursor(kind, row.openedAt(), row.id())));
        return new Page<>(views(rowPage.items()), rowPage.nextCursor());
    }

    @Transactional(readOnly = true)
    public DisputeView view(UUID disputeId) {
        return views(List.of(disputes.find(disputeId).orElseThrow(OrderingErrors::disputeNotFound)))
                .get(0);
    }

    /**
     * Resolves an open dispute. Locks are taken checkout, order, dispute (the order of every ordering path), so a
     * concurrent second resolution waits and then finds the dispute resolved (409).
     */
    @Transactional
    public DisputeView resolve(CurrentUser admin, UUID disputeId, DisputeOutcome outcome, String note) {
        var seen = disputes.find(disputeId).orElseThrow(OrderingErrors::disputeNotFound);
        var checkout = orders.lockCheckout(seen.checkoutId()).orElseThrow();
        var order = orders.findForUpdate(seen.orderId()).orElseThrow();
        var dispute = disputes.findForUpdate(disputeId).orElseThrow();
        if (dispute.status() != DisputeStatus.OPEN) {
            throw OrderingErrors.disputeResolved();
        }
        var decision = note.strip();
        var at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var actor = new Order.Actor(admin.id(), Order.Party.ADMIN);
        switch (outcome) {
            case RELEASE -> {
                orders.record(order, order.releaseDispute(actor, decision, at));
                money.release(order);
            }
            case REFUND -> {
                orders.record(order, order.refundDispute(actor, decision, at));
                money.voidHolds(checkout, order);
                money.refund(checkout, order, "dispute:" + disputeId, order.subtotal(), decision);
            }
        }
        disputes.resolve(disputeId, outcome, admin.id(), decision, at);
        return view(disputeId);
    }

    /** Views of a page of disputes: one directory lookup for all the people on it. */
    private List<DisputeView> views(List<DisputeStore.Row> rows) {
        var people = new HashSet<UUID>();
        var sellerIds = new HashSet<UUID>();
        for (var row : rows) {
            people.add(row.buyerId());
            if (row.resolvedBy() != null) {
                people.add(row.resolvedBy());
            }
            sellerIds.add(row.sellerId());
        }
        var summaries = users.summaries(people);
        var sellers = users.sellers(sellerIds);
        return rows.stream()
                .map(row -> {
                    var seller = sellers.get(row.sellerId());
                    return new DisputeView(
                            row.id(),
                            row.orderId(),
                            row.checkoutId(),
                            userRef(summaries.get(row.buyerId()), row.buyerId()),
                            new SellerRef(
                                    row.sellerId(),
                                    seller == null ? null : seller.username(),
                                    seller == null ? null : seller.shopName()),
                            row.subtotal(),
                            row.reason(),
                            row.status(),
                            row.outcome(),
                            row.note(),
                            row.openedAt(),
                            row.resolvedAt(),
                            row.resolvedBy() == null
                                    ? null
                                    : userRef(summaries.get(row.resolvedBy()), row.resolvedBy()));
                })
                .toList();
    }

    private static UserRef userRef(UserDirectory.@Nullable UserSummary user, UUID id) {
        return user == null
                ? new UserRef(id, null, null, null)
                : new UserRef(user.id(), user.username(), user.fullName(), user.avatarUrl());
    }
}
