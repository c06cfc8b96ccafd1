package com.betanet.marketplace.realtime.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/** What the ERROR frame says to a client, by who was at fault. */
class StompErrorFramesTests {

    final StompErrorFrames errors = new StompErrorFrames();

    @Test
    void aFrameThatIsNotStompIsTheClientsMistakeNotOurs() {
        var error = errors.handleClientMessageProcessingError(
                null, new StompConversionException("Illegal header: 'no colon here'"));

        assertThat(StompHeaderAccessor.wrap(error).getMessage()).isEqualTo("invalid_frame");
        assertThat(new String(error.getPayload(), StandardCharsets.UTF_8))
                .isEqualTo("The frame is not valid STOMP 1.2");
    }

    @Test
    void aRefusalKeepsItsCodeAndAnythingElseIsAServerError() {
        var refused = errors.handleClientMessageProcessingError(
                null, new IllegalStateException("wrapped", StompRefusal.unauthenticated()));
        assertThat(StompHeaderAccessor.wrap(refused).getMessage()).isEqualTo("unauthorized");

        var failed = errors.handleClientMessageProcessingError(null, new IllegalStateException("a bug of ours"));
        assertThat(StompHeaderAccessor.wrap(failed).getMessage()).isEqualTo("server_error");
        assertThat(new String(failed.getPayload(), StandardCharsets.UTF_8)).doesNotContain("bug");
    }
}
