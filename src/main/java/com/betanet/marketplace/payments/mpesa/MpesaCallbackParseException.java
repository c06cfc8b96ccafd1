package com.betanet.marketplace.payments.mpesa;

/** A callback body that is not what Daraja sends (not JSON, a required field missing or of the wrong type): 400. */
public class MpesaCallbackParseException extends RuntimeException {

    MpesaCallbackParseException(String message) {
        super(message);
    }

    MpesaCallbackParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
