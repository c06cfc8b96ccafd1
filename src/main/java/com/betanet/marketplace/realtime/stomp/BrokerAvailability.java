package com.betanet.marketplace.realtime.stomp;

import org.springframework.context.ApplicationListener;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.broker.BrokerAvailabilityEvent;
import org.springframework.stereotype.Component;

/**
 * Whether the broker takes frames now. The outbox's listeners ask before they send: at start-up the event publication
 * registry hands outstanding events to them before the broker's handlers have subscribed to their channel, and a
 * frame sent then is dropped without an error, its publication completed (a change committed just before a crash was
 * never delivered); with the relay, the broker may also be disconnected. A listener that is refused fails, its
 * publication stays incomplete, and {@code FailedFrameResubmission} hands it back once the broker is there.
 */
@Component
public class BrokerAvailability implements ApplicationListener<BrokerAvailabilityEvent> {

    private volatile boolean available;

    @Override
    public void onApplicationEvent(BrokerAvailabilityEvent event) {
        available = event.isBrokerAvailable();
    }

    /** @throws MessageDeliveryException while the broker cannot take frames */
    public void require() {
        if (!available) {
            throw new MessageDeliveryException("The message broker is not available; the frame will be sent again");
        }
    }
}
