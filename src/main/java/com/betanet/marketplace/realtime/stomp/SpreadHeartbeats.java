package com.betanet.marketplace.realtime.stomp;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * The in-memory broker's heart-beats to clients, each session on its own schedule. Spring's simple broker beats every
 * idle session in one pass per interval and does not record that it did, so thousands of idle connections get their
 * heart-beats in one burst (10 000 frames at once every 10 s in the real-time benchmark, stalling other frames by
 * 100–300 ms), and a finer pass would beat every idle session at every pass. Installed on the client outbound channel
 * (not with the broker relay, where RabbitMQ beats each connection itself), this drops the broker's heart-beats and
 * sends each session its own once nothing was written to it for its interval; the first comes at a random point of the
 * second half of the interval, so sessions that connected together spread out. The broker still watches the clients'
 * heart-beats and ends sessions that fall silent.
 */
@Component
class SpreadHeartbeats implements ChannelInterceptor {

    /** Marks this component's heart-beats, which pass the outbound channel; the broker's do not. */
    static final String OWN = "betanet.spread-heartbeat";

    private static final Logger log = LoggerFactory.getLogger(SpreadHeartbeats.class);
    private static final byte[] EMPTY = new byte[0];

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final MessageChannel outbound;
    private final TaskScheduler scheduler;
    private final LongSupplier clock;
    private final long serverInterval;
    private final long tick;
    private final AtomicBoolean started = new AtomicBoolean();

    @Autowired
    SpreadHeartbeats(
            RealtimeProperties properties,
            @Lazy @Qualifier("clientOutboundChannel") MessageChannel outbound,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
        this(properties.heartbeat(), outbound, scheduler, System::currentTimeMillis);
    }

    SpreadHeartbeats(Duration heartbeat, MessageChannel outbound, TaskScheduler scheduler, LongSupplier clock) {
        this.outbound = outbound;
        this.scheduler = scheduler;
        this.clock = clock;
        this.serverInterval = heartbeat.toMillis();
        // a session is beaten at the first pass after it falls due, so passes are a small part of the interval
        this.tick = Math.max(50, Math.min(1_000, serverInterval / 20));
    }

    private static final class Session {
        final String id;
        final @Nullable Principal user;
        final long interval;
        volatile long lastWrite;

        Session(String id, @Nullable Principal user, long interval, long lastWrite) {
            this.id = id;
            this.user = user;
            this.interval = interval;
            this.lastWrite = lastWrite;
        }
    }

    @Override
    public @Nullable Message<?> preSend(Message<?> message, MessageChannel channel) {
        var headers = message.getHeaders();
        var sessionId = SimpMessageHeaderAccessor.getSessionId(headers);
        if (sessionId == null) {
            return message;
        }
        var type = SimpMessageHeaderAccessor.getMessageType(headers);
        if (type == SimpMessageType.HEARTBEAT && !Boolean.TRUE.equals(headers.get(OWN))) {
            return null; // the broker's pass over every idle session: replaced by this component's own
        }
        if (type == SimpMessageType.CONNECT_ACK) {
            opened(sessionId, SimpMessageHeaderAccessor.getUser(headers), headers);
        } else if (type == SimpMessageType.DISCONNECT_ACK) {
            sessions.remove(sessionId);
        } else {
            var session = sessions.get(sessionId);
            if (session != null) {
                session.lastWrite = clock.getAsLong();
            }
        }
        return message;
    }

    @EventListener
    void on(SessionDisconnectEvent closed) {
        sessions.remove(closed.getSessionId());
    }

    /** Beats every session whose interval has (all but) passed since anything was last written to it. */
    void beat() {
        long now = clock.getAsLong();
        for (var session : sessions.values()) {
            // a pass early rather than a pass late: the client counts the interval from its side
            if (now - session.lastWrite >= session.interval - tick) {
                var accessor = SimpMessageHeaderAccessor.create(SimpMessageType.HEARTBEAT);
                accessor.setSessionId(session.id);
                accessor.setUser(session.user);
                accessor.setHeader(OWN, Boolean.TRUE);
                try {
                    outbound.send(MessageBuilder.createMessage(EMPTY, accessor.getMessageHeaders()));
                } catch (RuntimeException failed) {
                    // one session's trouble (it is closing) must not cost the others their heart-beats
                    log.debug("No heart-beat for session {}: {}", session.id, failed.getMessage());
                }
            }
        }
    }

    int sessions() {
        return sessions.size();
    }

    long tick() {
        return tick;
    }

    /**
     * A session was accepted (CONNECTED is on its way): it is beaten every {@code max(client's wish, ours)}
     * milliseconds when the client asked for heart-beats and we send them (STOMP 1.2 heart-beat negotiation).
     */
    private void opened(String sessionId, @Nullable Principal user, Map<String, Object> connectAck) {
        var connect = connectAck.get(SimpMessageHeaderAccessor.CONNECT_MESSAGE_HEADER);
        long[] client = connect instanceof Message<?> message
                ? SimpMessageHeaderAccessor.getHeartbeat(message.getHeaders())
                : null;
        if (client == null || client[1] <= 0 || serverInterval <= 0) {
            return;
        }
        long interval = Math.max(client[1], serverInterval);
        // as if written to between half an interval ago and now: the first beat falls in the second half
        long lastWrite = clock.getAsLong() - ThreadLocalRandom.current().nextLong(interval / 2 + 1);
        sessions.put(sessionId, new Session(sessionId, user, interval, lastWrite));
        if (started.compareAndSet(false, true)) {
            scheduler.scheduleWithFixedDelay(this::beat, Duration.ofMillis(tick));
        }
    }
}
