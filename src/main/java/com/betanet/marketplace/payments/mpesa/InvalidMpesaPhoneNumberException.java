package com.betanet.marketplace.payments.mpesa;

/** A phone number M-Pesa cannot be asked to pay from or to; the caller answers 400 on {@link #FIELD}. */
public class InvalidMpesaPhoneNumberException extends IllegalArgumentException {

    /** The request field the number came from, for the problem's {@code errors[].field}. */
    public static final String FIELD = "phoneNumber";

    private InvalidMpesaPhoneNumberException(String message) {
        super(message);
    }

    static InvalidMpesaPhoneNumberException missing() {
        return new InvalidMpesaPhoneNumberException("A phone number is required for M-Pesa");
    }

    static InvalidMpesaPhoneNumberException notKenyanMobile() {
        return new InvalidMpesaPhoneNumberException(
                "Must be a Kenyan mobile number: 07…, 01…, +254… or 254… (e.g. 0712 345 678)");
    }
}
