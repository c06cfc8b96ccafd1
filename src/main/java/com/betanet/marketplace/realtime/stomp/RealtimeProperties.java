package com.betanet.marketplace.realtime.stomp;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The STOMP endpoint's settings ({@code marketplace.realtime.*}).
 *
 * @param allowedOrigins origin patterns browsers may open {@code /ws} from; the socket is authenticated by the CONNECT
 *     frame's token, never by cookies, so {@code *} opens no cross-site hole
 * @param heartbeat the interval of STOMP heart-beats in both directions, so dead connections are noticed
 * @param sendTimeLimit how long sending to one slow client may take before its session is closed
 * @param sendBufferSizeLimit how much may queue up for one slow client before its session is closed
 * @param messageSizeLimit the largest inbound STOMP frame (clients only send small frames to {@code /app})
 * @param relay the external broker (RabbitMQ's STOMP plugin); none when its host is blank
 */
@ConfigurationProperties("marketplace.realtime")
record RealtimeProperties(
        List<String> allowedOrigins,
        Duration heartbeat,
        Duration sendTimeLimit,
        DataSize sendBufferSizeLimit,
        DataSize messageSizeLimit,
        Relay relay) {

    record Relay(String host, int port, String login, String passcode) {

        boolean enabled() {
            return !host.isBlank();
        }
    }
}
