package com.betanet.marketplace.ordering.application;

import com.betanet.marketplace.cart.CartApi;
import com.betanet.marketplace.catalog.CatalogApi;
import com.betanet.marketplace.ordering.CheckoutCreated;
import com.betanet.marketplace.ordering.application.OrderViews.CheckoutView;
import com.betanet.marketplace.ordering.domain.Order;
import com.betanet.marketplace.ordering.domain.OrderingErrors;
import com.betanet.marketplace.ordering.domain.OrderingErrors.StockShortageError;
import com.betanet.marketplace.shared.Ids;
import com.betanet.marketplace.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a buyer's cart into a checkout: one transaction that takes the cart, checks prices, reserves every line's
 * stock with conditional updates (through the catalog, in a fixed order of products), and writes one order per
 * seller with snapshots of titles and prices.
 */
@Service
public class CheckoutService {

    private final CartApi cart;
    private final CatalogApi catalog;
    private final OrderStore store;
    private final OrderViews views;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration ttl;
    private final int maxOpenCheckouts;

    CheckoutService(
            CartApi cart,
            CatalogApi catalog,
            OrderStore store,
            OrderViews views,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock,
            @Value("${marketplace.ordering.checkout-ttl}") String ttl,
            @Value("${marketplace.ordering.max-open-checkouts}") int maxOpenCheckouts) {
        this.cart = cart;
        this.catalog = catalog;
        this.store = store;
        this.views = views;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.ttl = DurationStyle.detectAndParse(ttl);
        this.maxOpenCheckouts = maxOpenCheckouts;
    }

    /** Checks out the buyer's whole cart. Runs in the caller's transaction when there is one (idempotent requests). */
    @Transactional
    public CheckoutView checkout(UUID buyerId, ShippingAddress address, @Nullable Money expectedTotal) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.lockBuyer(buyerId);
        if (store.openCheckouts(buyerId, now) >= maxOpenCheckouts) {
            throw OrderingErrors.tooManyOpenCheckouts(maxOpenCheckouts);
        }
        var lines = cart.takeAll(buyerId);
        if (lines.isEmpty()) {
            throw OrderingErrors.cartEmpty();
        }
        var products =
                catalog.products(lines.stream().map(CartApi.CartLine::productId).toList());
        var quantities = new TreeMap<UUID, Integer>();
        var shortages = new ArrayList<StockShortageError>();
        // Lines grouped by seller; sellers and lines in id order so the same cart always makes the same orders.
        var bySeller = new TreeMap<UUID, List<OrderStore.Line>>();
        Money total = null;
        for (var line : lines) {
            var product = products.get(line.productId());
            if (product == null
                    || !product.status().isVisibleToBuyers()
                    || product.sellerId().equals(buyerId)) {
                shortages.add(shortage(line.productId(), line.quantity(), 0));
                continue;
            }
            quantities.put(product.id(), line.quantity());
            var orderLine = new OrderStore.Line(product.id(), product.title(), product.price(), line.quantity());
            bySeller.computeIfAbsent(product.sellerId(), seller -> new ArrayList<>())
                    .add(orderLine);
            total = total == null ? orderLine.lineTotal() : total.plus(orderLine.lineTotal());
        }
        if (total != null && expectedTotal != null && shortages.isEmpty() && !expectedTotal.equals(total)) {
            throw OrderingErrors.priceChanged(total);
        }
        for (var shortage : catalog.reserve(quantities)) {
            shortages.add(shortage(shortage.productId(), shortage.requested(), shortage.available()));
        }
        if (!shortages.isEmpty() || total == null) {
            throw OrderingErrors.insufficientStock(shortages);
        }
        var checkoutId = Ids.newId();
        var expiresAt = now.plus(ttl);
        var addressJson = json.writeValueAsString(address);
        var orders = new ArrayList<OrderStore.PlacedOrder>();
        for (var entry : bySeller.entrySet()) {
            var orderLines = entry.getValue();
            orderLines.sort(java.util.Comparator.comparing(OrderStore.Line::productId));
            var subtotal = orderLines.stream()
                    .map(OrderStore.Line::lineTotal)
                    .reduce(Money::plus)
                    .orElseThrow();
            var order = Order.place(Ids.newId(), checkoutId, buyerId, entry.getKey(), subtotal, now);
            orders.add(new OrderStore.PlacedOrder(order, order.placed(now), orderLines));
        }
        store.insertCheckout(checkoutId, buyerId, total, addressJson, expiresAt, now, orders);
        events.publishEvent(new CheckoutCreated(checkoutId, buyerId, total, expiresAt));
        // built from what was just written, not read back (the read-back was 6 more queries per checkout)
        return views.placed(checkoutId, total, expiresAt, now, address, orders);
    }

    @Transactional(readOnly = true)
    public CheckoutView view(UUID buyerId, UUID checkoutId) {
        var view = views.checkoutOf(checkoutId, buyerId);
        return view.orElseThrow(OrderingErrors::checkoutNotFound);
    }

    private static StockShortageError shortage(UUID productId, int requested, int available) {
        return new StockShortageError(
                "items",
                productId,
                requested,
                available,
                available == 0 ? "Out of stock" : "Only " + available + " left");
    }
}
