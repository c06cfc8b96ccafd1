package com.betanet.marketplace.realtime.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

class SpreadHeartbeatsTests {

    static final long INTERVAL = 10_000;

    final AtomicLong now = new AtomicLong(1_000_000);
    final TaskScheduler scheduler = mock(TaskScheduler.class);
    /** What reached the "socket": the outbound channel's messages that passed the interceptor, with their time. */
    final List<Sent> sent = new ArrayList<>();
    /** Sessions whose sending fails. */
    final java.util.Set<String> broken = new java.util.HashSet<>();

    record Sent(long at, String sessionId, SimpMessageType type) {}

    final SpreadHeartbeats heartbeats;
    final MessageChannel outbound;

    SpreadHeartbeatsTests() {
        outbound = this::deliver;
        heartbeats = new SpreadHeartbeats(Duration.ofMillis(INTERVAL), outbound, scheduler, now::get);
    }

    /** The outbound channel runs its interceptor as Spring's does, before a message reaches the socket. */
    private boolean deliver(Message<?> message, long timeout) {
        var passed = heartbeats.preSend(message, outbound);
        if (passed != null && broken.contains(SimpMessageHeaderAccessor.getSessionId(passed.getHeaders()))) {
            throw new IllegalStateException("The session is closing");
        }
        if (passed != null) {
            sent.add(new Sent(
                    now.get(),
                    SimpMessageHeaderAccessor.getSessionId(passed.getHeaders()),
                    SimpMessageHeaderAccessor.getMessageType(passed.getHeaders())));
        }
        return passed != null;
    }

    @Test
    void theBrokersBurstIsDroppedAndEachSessionIsBeatenOncePerIntervalNeverLateAndSpreadOut() {
        for (int i = 0; i < 1_000; i++) {
            connected("s" + i, new long[] {INTERVAL, INTERVAL});
        }
        verify(scheduler, times(1))
                .scheduleWithFixedDelay(any(Runnable.class), eq(Duration.ofMillis(heartbeats.tick())));
        sent.clear();

        var perPass = new ArrayList<Integer>();
        long start = now.get();
        while (now.get() - start < 3 * INTERVAL) {
            now.addAndGet(heartbeats.tick());
            int before = sent.size();
            brokerPass();
            heartbeats.beat();
            perPass.add(sent.size() - before);
        }

        var beats = byBeatTimes();
        assertThat(beats).hasSize(1_000);
        for (var times : beats.values()) {
            assertThat(times.get(0) - start).as("the first beat").isBetween(INTERVAL / 2 - heartbeats.tick(), INTERVAL);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1))
                        .as("beat to beat")
                        .isBetween(INTERVAL - 2 * heartbeats.tick(), INTERVAL);
            }
            assertThat(start + 3 * INTERVAL - times.get(times.size() - 1))
                    .as("none late")
                    .isLessThanOrEqualTo(INTERVAL);
        }
        assertThat(sent).allMatch(message -> message.type() == SimpMessageType.HEARTBEAT);
        // spread over the interval rather than all 1 000 in one pass (as the broker would)
        assertThat(perPass.stream().mapToInt(Integer::intValue).max().orElseThrow())
                .isLessThan(150);
    }

    @Test
    void aSessionThatIsWrittenToIsNotBeaten() {
        connected("busy", new long[] {INTERVAL, INTERVAL});
        connected("idle", new long[] {INTERVAL, INTERVAL});
        sent.clear();
        for (int step = 0; step < 60; step++) {
            now.addAndGet(500);
            if (step % 4 == 0) {
                outbound.send(message(SimpMessageType.MESSAGE, "busy", Map.of()));
            }
            heartbeats.beat();
        }
        assertThat(sent)
                .filteredOn(message -> message.type() == SimpMessageType.HEARTBEAT)
                .extracting(Sent::sessionId)
                .containsOnly("idle")
                .hasSizeBetween(2, 3);
    }

    @Test
    void theSlowerOfTheTwoWishesWinsAndNoWishOrAClosedSessionMeansNoBeats() {
        connected("slow", new long[] {INTERVAL, 3 * INTERVAL});
        connected("none", new long[] {INTERVAL, 0});
        connected("closed", new long[] {INTERVAL, INTERVAL});
        connected("disconnected", new long[] {INTERVAL, INTERVAL});
        assertThat(heartbeats.sessions()).isEqualTo(3);
        heartbeats.on(new SessionDisconnectEvent(
                this, message(SimpMessageType.DISCONNECT, "closed", Map.of()), "closed", CloseStatus.NORMAL));
        outbound.send(message(SimpMessageType.DISCONNECT_ACK, "disconnected", Map.of()));
        assertThat(heartbeats.sessions()).isEqualTo(1);
        sent.clear();

        long start = now.get();
        while (now.get() - start < 6 * INTERVAL) {
            now.addAndGet(heartbeats.tick());
            heartbeats.beat();
        }
        assertThat(byBeatTimes().keySet()).containsExactly("slow");
        assertThat(byBeatTimes().get("slow")).hasSizeBetween(2, 3);
    }

    @Test
    void aSessionThatCannotBeWrittenToCostsTheOthersNothing() {
        for (var id : List.of("a", "broken", "b")) {
            connected(id, new long[] {INTERVAL, INTERVAL});
        }
        broken.add("broken");
        sent.clear();
        long start = now.get();
        while (now.get() - start < INTERVAL) {
            now.addAndGet(heartbeats.tick());
            heartbeats.beat();
        }
        assertThat(byBeatTimes().keySet()).containsExactlyInAnyOrder("a", "b");
    }

    private void connected(String sessionId, long[] clientHeartbeat) {
        var connect = message(
                SimpMessageType.CONNECT,
                sessionId,
                Map.of(SimpMessageHeaderAccessor.HEART_BEAT_HEADER, clientHeartbeat));
        outbound.send(message(
                SimpMessageType.CONNECT_ACK,
                sessionId,
                Map.of(
                        SimpMessageHeaderAccessor.CONNECT_MESSAGE_HEADER,
                        connect,
                        SimpMessageHeaderAccessor.HEART_BEAT_HEADER,
                        new long[] {INTERVAL, INTERVAL})));
    }

    /** What Spring's broker does every interval: a heart-beat for every session it thinks idle. */
    private void brokerPass() {
        for (int i = 0; i < 1_000; i++) {
            outbound.send(message(SimpMessageType.HEARTBEAT, "s" + i, Map.of()));
        }
    }

    private Map<String, List<Long>> byBeatTimes() {
        var beats = new HashMap<String, List<Long>>();
        for (var message : sent) {
            if (message.type() == SimpMessageType.HEARTBEAT) {
                beats.computeIfAbsent(message.sessionId(), id -> new ArrayList<>())
                        .add(message.at());
            }
        }
        return beats;
    }

    private static Message<byte[]> message(SimpMessageType type, String sessionId, Map<String, Object> headers) {
        var accessor = SimpMessageHeaderAccessor.create(type);
        accessor.setSessionId(sessionId);
        headers.forEach(accessor::setHeader);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }
}
