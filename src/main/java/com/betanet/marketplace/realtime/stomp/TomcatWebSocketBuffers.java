package com.betanet.marketplace.realtime.stomp;

import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Shrinks the I/O buffers Tomcat gives every WebSocket connection ({@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}:
 * the frame read buffer and two write buffers, 8 KB each by default) to 2 KB: our frames are a few hundred bytes, and a
 * larger one is simply read or written in several pieces. Tomcat reads the setting once, when its WebSocket classes are
 * first used, so it is set here, before the server is created; an explicit {@code -D} of the same name wins.
 */
@Component
class TomcatWebSocketBuffers implements WebServerFactoryCustomizer<WebServerFactory> {

    static final String PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    static final int SIZE = 2048;

    @Override
    public void customize(WebServerFactory factory) {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, String.valueOf(SIZE));
        }
    }
}
