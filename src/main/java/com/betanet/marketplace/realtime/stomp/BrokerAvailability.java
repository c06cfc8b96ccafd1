package com.betanet.marketplace.realtime.stomp;

import org.springframework.context.ApplicationListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.stereotype.Component;

/**
 * The broker channel takes a frame only while the broker says it is available; otherwise the send fails. At start-up
 * the event publication registry hands outstanding events to the outbox's listeners before the broker's handlers have
 * subscribed to that channel, and a frame sent then was dropped without an error, its publication completed (a change
 * committed just before a crash was never delivered); with the relay, the broker may also be disconnected. Now the
 * listener fails, its publication stays incomplete, and {@code FailedFrameResubmission} hands it back once the broker
 * is there.
 */
@Component
class BrokerAvailability implements ApplicationListener<BrokerAvailabilityEvent>, ChannelInterceptor {

    private volatile boolean available;

    @Override
    public void onApplicationEvent(BrokerAvailabilityEvent event) {
        available = event.isBrokerAvailable();
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (!available) {
            throw new MessageDeliveryException(
                    message, "The message broker is not available; the frame will be sent again");
        }
        return message;
    }
}
