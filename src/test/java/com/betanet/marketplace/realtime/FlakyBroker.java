package com.betanet.marketplace.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Test-only: makes the broker refuse the next frame about an armed order once, as a broker relay that is down does
 * ({@code MessageDeliveryException}), so the outbox's retry can be shown. Unarmed, it lets everything through.
 */
@Configuration(proxyBeanMethods = false)
public class FlakyBroker implements WebSocketMessageBrokerConfigurer {

    private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    /** The next frame server code sends about {@code orderId} fails. */
    public void failNextFrameAbout(UUID orderId) {
        failOnce.add(orderId.toString());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.configureBrokerChannel().interceptors(new ChannelInterceptor() {
            @Override
            public Message<?> preSend(Message<?> message, MessageChannel channel) {
                if (message.getPayload() instanceof byte[] bytes && !failOnce.isEmpty()) {
                    var text = new String(bytes, StandardCharsets.UTF_8);
                    for (var orderId : failOnce) {
                        if (text.contains(orderId) && failOnce.remove(orderId)) {
                            throw new MessageDeliveryException(message, "Test: the broker is not available");
                        }
                    }
                }
                return message;
            }
        });
    }
}
