package com.betanet.marketplace.realtime.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompCommand;
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
    void aFrameSpringCouldNotDecodeAtAllIsTheClientsMistakeToo() {
        // an unknown command: StompCommand.valueOf fails while decoding, and no client message is handed over
        var error = errors.handleClientMessageProcessingError(
                null, new IllegalArgumentException("No enum constant StompCommand.HELLO WORLD"));

        assertThat(StompHeaderAccessor.wrap(error).getMessage()).isEqualTo("invalid_frame");
    }

    @Test
    void aRefusalKeepsItsCodeAndAnythingElseIsAServerError() {
        var refused = errors.handleClientMessageProcessingError(
                null, new IllegalStateException("wrapped", StompRefusal.unauthenticated()));
        assertThat(StompHeaderAccessor.wrap(refused).getMessage()).isEqualTo("unauthorized");

        var decoded = org.springframework.messaging.support.MessageBuilder.createMessage(
                new byte[0], StompHeaderAccessor.create(StompCommand.SUBSCRIBE).getMessageHeaders());
        var failed = errors.handleClientMessageProcessingError(decoded, new IllegalStateException("a bug of ours"));
        assertThat(StompHeaderAccessor.wrap(failed).getMessage()).isEqualTo("server_error");
        assertThat(new String(failed.getPayload(), StandardCharsets.UTF_8)).doesNotContain("bug");
    }
}
