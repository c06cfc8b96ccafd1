/**
 * Real-time delivery over STOMP 1.2 on WebSocket ({@code /ws}): order status frames for buyers and sellers and
 * payment notifications for payers. It only listens to other modules' events (after commit, through the outbox) and pushes
 * frames; nothing depends on it. With {@code MARKETPLACE_REALTIME_RELAY_HOST} set, frames go through RabbitMQ's STOMP
 * plugin, so a user connected to any node receives them.
 */
@ApplicationModule(allowedDependencies = {"shared", "shared::*", "identity", "ordering", "payments"})
@NullMarked
package com.betanet.marketplace.realtime;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
