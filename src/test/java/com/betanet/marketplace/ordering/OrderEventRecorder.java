package com.betanet.marketplace.ordering;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Test-only consumer of {@link OrderStatusChanged}, delivered the way a real consumer (payments, notifications) gets
 * it: through the event publication registry, asynchronously, after the publishing transaction committed. It notes
 * whether the change it was told about is already visible to another transaction.
 */
@Component
public class OrderEventRecorder {

    /** An event as delivered, and whether its timeline row was committed when it arrived. */
    public record Delivery(OrderStatusChanged event, boolean committedBeforeDelivery) {}

    private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    private final JdbcClient jdbc;

    OrderEventRecorder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(OrderStatusChanged event) {
        boolean committed = jdbc.sql("select exists(select 1 from order_events where order_id = ? and sequence = ?)")
                .params(event.orderId(), event.sequence())
                .query(Boolean.class)
                .single();
        deliveries.add(new Delivery(event, committed));
    }

    public List<Delivery> of(UUID orderId) {
        return deliveries.stream()
                .filter(delivery -> delivery.event().orderId().equals(orderId))
                .toList();
    }
}
