package com.betanet.marketplace.realtime.stomp;

import com.betanet.marketplace.identity.PasswordChanged;
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
 * A suspended user's STOMP sessions end on every node, and so do the sessions of a user whose password was changed or
 * reset (as their other sign-ins are revoked; a client reconnects with a token it still holds, an attacker's socket
 * does not live on). The event is delivered on one node only, so with the broker relay that node broadcasts the ending
 * through RabbitMQ on {@link #BROADCAST} ({@code <code> <userId>}), which every node's "system" connection to the
 * broker subscribes to (as Spring does for unresolved user destinations); each node then ends the sessions it holds.
 * Clients can neither subscribe nor send to that topic ({@link StompAuthorization}).
 */
@Configuration(proxyBeanMethods = false)
class SessionEndings {

    static final String BROADCAST = "/topic/realtime.sessions-ended";
    static final String SUSPENDED = "account_suspended";
    static final String PASSWORD_CHANGED = "session_revoked";

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
        endEverywhere(SUSPENDED, event.userId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(PasswordChanged event) {
        endEverywhere(PASSWORD_CHANGED, event.userId());
    }

    private void endEverywhere(String code, UUID userId) {
        if (properties.relay().enabled()) {
            messaging.send(
                    BROADCAST,
                    MessageBuilder.withPayload((code + " " + userId).getBytes(StandardCharsets.UTF_8))
                            .build());
        } else {
            end(sessions, code, userId);
        }
    }

    private static void end(StompSessions sessions, String code, UUID userId) {
        sessions.end(
                userId,
                code,
                SUSPENDED.equals(code)
                        ? "The account was suspended"
                        : "The password was changed: connect again with a current access token");
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
                        var ending = new String((byte[]) message.getPayload(), StandardCharsets.UTF_8).split(" ", 2);
                        var userId = UUID.fromString(ending[1]);
                        accounts.getObject().accountChanged(userId);
                        end(sessions.getObject(), ending[0], userId);
                    };
                    relay.getSystemSubscriptions().put(BROADCAST, receiver);
                }
                return bean;
            }
        };
    }
}
