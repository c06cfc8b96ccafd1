package com.betanet.marketplace.realtime.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.betanet.marketplace.ordering.OrderingApi;
import com.betanet.marketplace.shared.security.AccessTokenAuthenticator;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authentication.TestingAuthenticationToken;

/** What a SUBSCRIBE may carry past {@link StompAuthorization} to the broker, and which ones it refuses. */
class StompAuthorizationTests {

    final UUID user = UUID.randomUUID();
    final UUID order = UUID.randomUUID();
    final OrderingApi ordering = mock(OrderingApi.class);
    final MessageChannel clientOutbound = mock(MessageChannel.class);
    final StompAuthorization authorization =
            new StompAuthorization(mock(AccessTokenAuthenticator.class), ordering, new StompSessions(clientOutbound));

    StompAuthorizationTests() {
        when(ordering.isParty(order, user)).thenReturn(true);
    }

    private Message<byte[]> subscribe(@Nullable String id, String destination, Map<String, String> extraHeaders) {
        var accessor = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
        accessor.setSessionId("session-1");
        accessor.setUser(new TestingAuthenticationToken(user.toString(), null));
        if (id != null) {
            accessor.setSubscriptionId(id);
        }
        accessor.setDestination(destination);
        extraHeaders.forEach(accessor::setNativeHeader);
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
    }

    private @Nullable String refusal() {
        var frame = ArgumentCaptor.forClass(Message.class);
        verify(clientOutbound).send(frame.capture());
        return StompHeaderAccessor.wrap(frame.getValue()).getMessage();
    }

    @Test
    void onlyTheIdTheDestinationAndTheReceiptReachTheBroker() {
        var message = subscribe(
                "sub-1",
                "/user/queue/orders",
                Map.of(
                        "x-queue-name", "tap",
                        "durable", "true",
                        "auto-delete", "false",
                        "exclusive", "false",
                        "ack", "client",
                        "receipt", "r-1"));

        var passed = authorization.preSend(message, mock(MessageChannel.class));

        assertThat(passed).isNotNull();
        var headers = StompHeaderAccessor.wrap(passed).toNativeHeaderMap();
        assertThat(headers).containsOnlyKeys("id", "destination", "receipt");
        verify(clientOutbound, never()).send(any());
    }

    @Test
    void anUnsubscribeTellsTheBrokerOnlyWhichSubscriptionEnds() {
        var accessor = StompHeaderAccessor.create(StompCommand.UNSUBSCRIBE);
        accessor.setSessionId("session-1");
        accessor.setUser(new TestingAuthenticationToken(user.toString(), null));
        accessor.setSubscriptionId("sub-1");
        accessor.setReceipt("r-1");
        accessor.setNativeHeader("durable", "true");
        accessor.setNativeHeader("x-queue-name", "someone-elses-queue");
        accessor.setLeaveMutable(true);

        var passed = authorization.preSend(
                MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders()), mock(MessageChannel.class));

        assertThat(passed).isNotNull();
        assertThat(StompHeaderAccessor.wrap(passed).toNativeHeaderMap()).containsOnlyKeys("id", "receipt");
    }

    @Test
    void aSubscriptionIdInUseIsRefused() {
        assertThat(authorization.preSend(
                        subscribe("sub-1", "/user/queue/orders", Map.of()), mock(MessageChannel.class)))
                .isNotNull();
        assertThat(authorization.preSend(
                        subscribe("sub-1", "/user/queue/notifications", Map.of()), mock(MessageChannel.class)))
                .isNull();
        assertThat(refusal()).isEqualTo("duplicate_subscription");
    }

    @Test
    void anOrderTopicIsSubscribedUnderTheIdsCanonicalSpelling() {
        var message = subscribe("sub-1", "/topic/orders." + order.toString().toUpperCase(), Map.of());

        var passed = authorization.preSend(message, mock(MessageChannel.class));

        assertThat(passed).isNotNull();
        assertThat(StompHeaderAccessor.wrap(passed).getDestination()).isEqualTo("/topic/orders." + order);
    }

    @Test
    void aConnectOfferingNoVersionSpringSpeaksIsRefusedInsteadOfLeftWaiting() {
        for (var offered : new String[] {null, "1.0", "2.0"}) {
            var accessor = StompHeaderAccessor.create(StompCommand.CONNECT);
            accessor.setSessionId("session-" + offered);
            if (offered != null) {
                accessor.setAcceptVersion(offered);
            }
            accessor.setNativeHeader("Authorization", "Bearer whatever");
            accessor.setLeaveMutable(true);
            var connect = MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());

            assertThat(authorization.preSend(connect, mock(MessageChannel.class)))
                    .isNull();
        }
        var frames = ArgumentCaptor.forClass(Message.class);
        verify(clientOutbound, org.mockito.Mockito.times(3)).send(frames.capture());
        assertThat(frames.getAllValues())
                .extracting(frame -> StompHeaderAccessor.wrap(frame).getMessage())
                .containsOnly("unsupported_version");
    }

    @Test
    void aSubscribeWithoutAnIdIsRefused() {
        assertThat(authorization.preSend(subscribe(null, "/user/queue/orders", Map.of()), mock(MessageChannel.class)))
                .isNull();
        assertThat(refusal()).isEqualTo("invalid_frame");
    }

    @Test
    void userQueuesOutsideTheContractAreRefused() {
        assertThat(authorization.preSend(
                        subscribe("sub-1", "/user/queue/whatever", Map.of()), mock(MessageChannel.class)))
                .isNull();
        assertThat(refusal()).isEqualTo("forbidden");
    }

    @Test
    void aSessionHoldsAtMostAHundredSubscriptionsAndAFreedOneCanBeTakenAgain() {
        for (int i = 0; i < StompAuthorization.MAX_SUBSCRIPTIONS; i++) {
            assertThat(authorization.preSend(
                            subscribe("sub-" + i, "/user/queue/orders", Map.of()), mock(MessageChannel.class)))
                    .isNotNull();
        }
        assertThat(authorization.preSend(
                        subscribe("sub-extra", "/user/queue/orders", Map.of()), mock(MessageChannel.class)))
                .isNull();
        assertThat(refusal()).isEqualTo("too_many_subscriptions");

        var unsubscribe = StompHeaderAccessor.create(StompCommand.UNSUBSCRIBE);
        unsubscribe.setSessionId("session-1");
        unsubscribe.setUser(new TestingAuthenticationToken(user.toString(), null));
        unsubscribe.setSubscriptionId("sub-0");
        authorization.preSend(
                MessageBuilder.createMessage(new byte[0], unsubscribe.getMessageHeaders()), mock(MessageChannel.class));
        assertThat(authorization.preSend(
                        subscribe("sub-extra", "/user/queue/orders", Map.of()), mock(MessageChannel.class)))
                .isNotNull();
    }
}
