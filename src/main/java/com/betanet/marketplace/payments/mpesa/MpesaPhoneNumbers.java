package com.betanet.marketplace.payments.mpesa;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The MSISDN Daraja expects ({@code 2547XXXXXXXX} or {@code 2541XXXXXXXX}, twelve digits, no plus) from a Kenyan
 * mobile number written the usual ways: {@code 0712 345 678}, {@code 0110-123-456}, {@code +254712345678},
 * {@code 254712345678}.
 */
public final class MpesaPhoneNumbers {

    // Safaricom mobile numbers are 7XX XXX XXX and 1XX XXX XXX after the country code.
    private static final Pattern LOCAL = Pattern.compile("0([17]\\d{8})");
    private static final Pattern INTERNATIONAL = Pattern.compile("\\+?254([17]\\d{8})");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]+");

    private MpesaPhoneNumbers() {}

    /**
     * @throws InvalidMpesaPhoneNumberException when {@code input} is not a Kenyan mobile number in one of the accepted
     *     forms (the caller answers 400 {@code validation_failed} on {@code phoneNumber})
     */
    public static String normalise(@Nullable String input) {
        if (input == null || input.isBlank()) {
            throw InvalidMpesaPhoneNumberException.missing();
        }
        var compact = SEPARATORS.matcher(input.strip()).replaceAll("");
        var local = LOCAL.matcher(compact);
        if (local.matches()) {
            return "254" + local.group(1);
        }
        var international = INTERNATIONAL.matcher(compact);
        if (international.matches()) {
            return "254" + international.group(1);
        }
        throw InvalidMpesaPhoneNumberException.notKenyanMobile();
    }
}
