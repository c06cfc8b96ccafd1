package com.betanet.marketplace.realtime.stomp;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * ERROR frames carry a stable code in the {@code message} header and a sentence in the body. Refusals are sent as
 * such by {@link StompAuthorization}; a frame that failed otherwise becomes {@code server_error}, so internals (channel
 * names, SQL) never reach a client.
 */
class StompErrorFrames extends StompSubProtocolErrorHandler {

    @Override
    protected Message<byte[]> handleInternal(
            StompHeaderAccessor error,
            byte[] payload,
            @Nullable Throwable cause,
            @Nullable StompHeaderAccessor clientHeaders) {
        if (cause == null) {
            return super.handleInternal(error, payload, null, clientHeaders); // an ERROR from the broker itself
        }
        var refusal = refusal(cause);
        // Spring hands over no client message when the frame could not be decoded at all (an unknown command too)
        boolean unreadable = refusal == null && (clientHeaders == null || isUnreadable(cause));
        // the client's mistake (a frame that is not STOMP) is told apart from ours, so it is not retried as is
        error.setMessage(refusal != null ? refusal.code() : unreadable ? "invalid_frame" : "server_error");
        error.setContentType(MimeTypeUtils.TEXT_PLAIN);
        var detail = refusal != null
                ? refusal.getMessage()
                : unreadable ? "The frame is not valid STOMP 1.2" : "The frame could not be processed";
        return MessageBuilder.createMessage(detail.getBytes(StandardCharsets.UTF_8), error.getMessageHeaders());
    }

    private static boolean isUnreadable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StompConversionException) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable StompRefusal refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StompRefusal refusal) {
                return refusal;
            }
        }
        return null;
    }
}
