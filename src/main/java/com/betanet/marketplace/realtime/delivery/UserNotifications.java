package com.betanet.marketplace.realtime.delivery;

import java.util.UUID;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

/**
 * {@code /user/queue/notifications}: {@code {type, eventId, ...}} frames for one user. Each kind of notification has
 * an {@code @ApplicationModuleListener} that maps its event to a frame with a deterministic {@code eventId} and calls
 * {@link #send} ({@link PaymentNotifications}); its event types join {@link FailedFrameResubmission#EVENTS}. Like
 * {@link OrderStatusFrames}, those listeners run without a transaction ({@code Propagation.NOT_SUPPORTED}).
 */
@Component
class UserNotifications {

    static final String USER_QUEUE = "/queue/notifications";

    private final SimpMessageSendingOperations messaging;

    UserNotifications(SimpMessageSendingOperations messaging) {
        this.messaging = messaging;
    }

    /** Sends {@code frame} (a record with {@code type} and {@code eventId}) to every session of {@code userId}. */
    void send(UUID userId, Object frame) {
        messaging.convertAndSendToUser(userId.toString(), USER_QUEUE, frame);
    }
}
