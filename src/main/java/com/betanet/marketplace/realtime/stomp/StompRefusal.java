package com.betanet.marketplace.realtime.stomp;

import org.springframework.messaging.MessagingException;

/**
 * A client frame the server refuses: the client gets an ERROR frame whose {@code message} header is {@code code} (the
 * API's error codes: {@code unauthorized}, {@code account_suspended}, {@code forbidden}) and the connection closes.
 */
class StompRefusal extends MessagingException {

    private final String code;

    private StompRefusal(String code, String detail) {
        super(detail);
        this.code = code;
    }

    String code() {
        return code;
    }

    static StompRefusal of(String code, String detail) {
        return new StompRefusal(code, detail);
    }

    static StompRefusal unauthenticated() {
        return new StompRefusal("unauthorized", "CONNECT needs an 'Authorization: Bearer <accessToken>' header");
    }

    static StompRefusal notYours(String destination) {
        return new StompRefusal("forbidden", "You may not subscribe to " + destination);
    }

    static StompRefusal unknownDestination(String destination) {
        return new StompRefusal("forbidden", "No such destination: " + destination);
    }

    static StompRefusal sendRefused(String destination) {
        return new StompRefusal("forbidden", "Clients may only SEND to /app destinations, not " + destination);
    }
}
