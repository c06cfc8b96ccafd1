package com.betanet.marketplace.realtime.stomp;

import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Puts each connection's receive buffer back to {@code marketplace.realtime.message-size-limit}. Spring's STOMP handler
 * raises it to at least 16 640 characters when a session starts (for old SockJS clients that split frames at 16 KB),
 * and Tomcat then allocates a char buffer of that size, 33 KB, for every connection; our clients send whole frames of a
 * few hundred bytes (CONNECT with its token, SUBSCRIBE), which the limit covers.
 */
class ReceiveBufferLimit extends WebSocketHandlerDecorator {

    private final int limit;

    ReceiveBufferLimit(WebSocketHandler delegate, DataSize limit) {
        super(delegate);
        this.limit = (int) limit.toBytes();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        super.afterConnectionEstablished(session);
        session.setTextMessageSizeLimit(limit);
        session.setBinaryMessageSizeLimit(limit);
    }
}
