package com.betanet.marketplace.realtime.stomp;

import java.util.List;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.user.DefaultUserDestinationResolver;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * STOMP over WebSocket at {@code /ws}. Clients subscribe to {@code /user/queue/...} and {@code /topic/...} and send to
 * {@code /app/...}. Without a relay host the in-memory broker serves this node's clients; with one, every destination
 * lives in RabbitMQ (its STOMP plugin), and user destinations and the user registry are broadcast between nodes so a
 * frame for a user reaches them on whichever node they are connected to.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@EnableConfigurationProperties(RealtimeProperties.class)
class StompConfiguration implements WebSocketMessageBrokerConfigurer {

    static final String USER_DESTINATION_BROADCAST = "/topic/unresolved-user-destination";
    static final String USER_REGISTRY_BROADCAST = "/topic/simp-user-registry";

    private final RealtimeProperties properties;
    private final StompAuthorization authorization;
    private final TaskScheduler heartbeats;
    private final JsonMapper json;
    private final Executor inbound;
    private final Executor outbound;
    private final SpreadHeartbeats spreadHeartbeats;
    private final BrokerAvailability brokerAvailability;
    private final StompSessions sessions;

    StompConfiguration(
            RealtimeProperties properties,
            StompAuthorization authorization,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeats,
            JsonMapper json,
            @Qualifier("stompInboundExecutor") Executor inbound,
            @Qualifier("stompOutboundExecutor") Executor outbound,
            SpreadHeartbeats spreadHeartbeats,
            BrokerAvailability brokerAvailability,
            StompSessions sessions) {
        this.properties = properties;
        this.authorization = authorization;
        this.heartbeats = heartbeats;
        this.json = json;
        this.inbound = inbound;
        this.outbound = outbound;
        this.spreadHeartbeats = spreadHeartbeats;
        this.brokerAvailability = brokerAvailability;
        this.sessions = sessions;
    }

    /**
     * Frames are written with the application's JSON settings, but read leniently: the nodes' user-registry snapshots
     * carry properties Spring's own reader ignores ({@code principal}), and the API's strict
     * {@code fail-on-unknown-properties} would drop every snapshot. First in the list, so it is the JSON converter used.
     */
    @Override
    public boolean configureMessageConverters(List<MessageConverter> converters) {
        converters.add(
                0,
                new JacksonJsonMessageConverter(json.rebuild()
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build()));
        return true;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws")
                .setAllowedOriginPatterns(properties.allowedOrigins().toArray(String[]::new));
        registry.setErrorHandler(new StompErrorFrames());
        // A client's frames are handled in the order it sent them (the inbound channel is a thread pool): a SUBSCRIBE
        // and its UNSUBSCRIBE, or CONNECT and the SUBSCRIBEs right behind it, must not overtake each other.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        // Frames for one client leave in the order they were published (the outbound channel is a thread pool).
        registry.setPreservePublishOrder(true);
        registry.configureBrokerChannel().interceptors(brokerAvailability);
        long heartbeat = properties.heartbeat().toMillis();
        var relay = properties.relay();
        if (relay.enabled()) {
            registry.enableStompBrokerRelay("/topic", RelayDestinations.EXCHANGE_PREFIX)
                    .setRelayHost(relay.host())
                    .setRelayPort(relay.port())
                    .setClientLogin(relay.login())
                    .setClientPasscode(relay.passcode())
                    .setSystemLogin(relay.login())
                    .setSystemPasscode(relay.passcode())
                    .setSystemHeartbeatSendInterval(heartbeat)
                    .setSystemHeartbeatReceiveInterval(heartbeat)
                    // RabbitMQ's vhost, not the relay host name (else "Virtual host '…' access denied")
                    .setVirtualHost("/")
                    .setUserDestinationBroadcast(USER_DESTINATION_BROADCAST)
                    .setUserRegistryBroadcast(USER_REGISTRY_BROADCAST);
            registry.configureBrokerChannel().interceptors(new RelayDestinations());
        } else {
            registry.enableSimpleBroker("/topic", "/queue")
                    .setHeartbeatValue(new long[] {heartbeat, heartbeat})
                    .setTaskScheduler(heartbeats);
        }
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration
                .setSendTimeLimit((int) properties.sendTimeLimit().toMillis())
                .setSendBufferSizeLimit((int) properties.sendBufferSizeLimit().toBytes())
                .setMessageSizeLimit((int) properties.messageSizeLimit().toBytes())
                // a socket that never sends CONNECT does not hold a slot for long
                .setTimeToFirstMessage(30_000)
                .addDecoratorFactory(handler -> new ReceiveBufferLimit(handler, properties.messageSizeLimit()));
    }

    /**
     * Tomcat allocates a text and a binary buffer of these sizes for every open socket (the text one in chars, two
     * bytes each) before any traffic, so they are sized to the largest frame a client may send and no larger: 24 KB
     * per connection with the default 8 KB limit.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        var container = new ServletServerContainerFactoryBean();
        int limit = (int) properties.messageSizeLimit().toBytes();
        container.setMaxTextMessageBufferSize(limit);
        container.setMaxBinaryMessageBufferSize(limit);
        return container;
    }

    /**
     * The in-memory broker finds a destination's subscribers by index rather than by scanning every subscription; user
     * destinations are per user, not per session ({@link UserQueues}).
     */
    @Bean
    static BeanPostProcessor indexedSubscriptionsAndUserQueues() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof SimpleBrokerMessageHandler broker) {
                    broker.setSubscriptionRegistry(new DestinationIndexedSubscriptions());
                }
                return bean;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DefaultUserDestinationResolver ? new UserQueues() : bean;
            }
        };
    }

    /** Runs after Boot's configurer (order 0), which would put both channels on the application executor. */
    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.executor(inbound).interceptors(authorization);
        if (!properties.relay().enabled()) {
            registration.interceptors(new SubscriptionReceipts(sessions));
        }
    }

    /** With the in-memory broker, heart-beats leave per session rather than in one burst ({@link SpreadHeartbeats}). */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.executor(outbound);
        if (!properties.relay().enabled()) {
            registration.interceptors(spreadHeartbeats);
        }
    }
}
