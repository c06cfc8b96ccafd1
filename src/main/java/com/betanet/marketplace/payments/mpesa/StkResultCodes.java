package com.betanet.marketplace.payments.mpesa;

/**
 * What the result codes of an STK push (its callback and its query) mean to the payer. Daraja's own descriptions are
 * terse and vary ("[STK_CB - ]Request cancelled by user"), so the common ones get a sentence a buyer understands.
 */
public final class StkResultCodes {

    public static final int SUCCESS = 0;
    public static final int INSUFFICIENT_BALANCE = 1;
    public static final int SUBSCRIBER_BUSY = 1001;
    public static final int EXPIRED = 1019;
    public static final int CANCELLED_BY_USER = 1032;
    public static final int NO_RESPONSE_FROM_USER = 1037;
    public static final int WRONG_PIN = 2001;
    /** Returned by the STK query while the payer has not answered yet. */
    public static final int STILL_PROCESSING = 4999;

    private StkResultCodes() {}

    /** A short reason for a failed STK payment; Daraja's description for codes without one of our own. */
    public static String reason(int resultCode, String resultDesc) {
        return switch (resultCode) {
            case INSUFFICIENT_BALANCE -> "The M-Pesa balance is not enough for this payment";
            case SUBSCRIBER_BUSY -> "Another M-Pesa payment is in progress on this phone; try again in a minute";
            case EXPIRED -> "The M-Pesa request expired before it was completed";
            case CANCELLED_BY_USER -> "The payment was cancelled on the phone";
            case NO_RESPONSE_FROM_USER -> "The phone could not be reached or the prompt was not answered in time";
            case WRONG_PIN -> "The M-Pesa PIN entered was wrong";
            default -> resultDesc.isBlank() ? "M-Pesa declined the payment (code " + resultCode + ")" : resultDesc;
        };
    }
}
