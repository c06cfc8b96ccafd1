package com.betanet.marketplace.realtime.stomp;

import com.betanet.marketplace.identity.UserSuspended;
import com.betanet.marketplace.shared.security.AccessTokenAuthenticator;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.stomp.StompBrokerRelayMessageHandler;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.annotation.Propagation;

/**
 * A suspended user's STOMP sessions end on every node. The event is delivered on one node only, so with the broker
 * relay that node broadcasts the ending through RabbitMQ on {@link #BROADCAST}, which every node's "system" connection
 * to the broker subscribes to (as Spring does for unresolved user destinations); each node then ends the sessions it
 * holds. Clients can neither subscribe nor send to that topic ({@link StompAuthorization}).
 */
@Configuration(proxyBeanMethods = false)
class SessionEndings {

    static final String BROADCAST = "/topic/realtime.sessions-ended";
    static final String SUSPENDED = "account_suspended";

    private final StompSessions sessions;
    private final SimpMessageSendingOperations messaging;
    private final RealtimeProperties properties;

    SessionEndings(StompSessions sessions, SimpMessageSendingOperations messaging, RealtimeProperties properties) {
        this.sessions = sessions;
        this.messaging = messaging;
        this.properties = properties;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(UserSuspended event) {
        if (properties.relay().enabled()) {
            messaging.send(
                    BROADCAST,
                    MessageBuilder.withPayload(event.userId().toString().getBytes(StandardCharsets.UTF_8))
                            .build());
        } else {
            endSuspended(sessions, event.userId());
        }
    }

    private static void endSuspended(StompSessions sessions, UUID userId) {
        sessions.end(userId, SUSPENDED, "The account was suspended");
    }

    /**
     * Subscribes this node's system connection to {@link #BROADCAST} when the relay is in use. A node that hears of a
     * suspension first forgets what it knew of the account, so a new connection or request with one of its still
     * unexpired tokens is refused at once, then ends the sessions it holds.
     */
    @Bean
    static BeanPostProcessor sessionEndingsSubscription(
            ObjectProvider<StompSessions> sessions, ObjectProvider<AccessTokenAuthenticator> accounts) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof StompBrokerRelayMessageHandler relay) {
                    MessageHandler receiver = message -> {
                        var userId = UUID.fromString(new String((byte[]) message.getPayload(), StandardCharsets.UTF_8));
                        accounts.getObject().accountChanged(userId);
                        endSuspended(sessions.getObject(), userId);
                    };
                    relay.getSystemSubscriptions().put(BROADCAST, receiver);
                }
                return bean;
            }
        };
    }
}
