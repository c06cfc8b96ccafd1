package com.betanet.marketplace.payments.mpesa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MpesaPhoneNumbersTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0712345678        | 254712345678
            0712 345 678      | 254712345678
            0712-345-678      | 254712345678
            ' 0712 345678 '   | 254712345678
            0110123456        | 254110123456
            0110 123 456      | 254110123456
            +254712345678     | 254712345678
            +254 712 345 678  | 254712345678
            254712345678      | 254712345678
            254-712-345-678   | 254712345678
            +254110123456     | 254110123456
            254110123456      | 254110123456
            0799000111        | 254799000111
            """)
    void normalisesKenyanMobileNumbersToTheMsisdnDarajaExpects(String input, String msisdn) {
        assertThat(MpesaPhoneNumbers.normalise(input)).isEqualTo(msisdn);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "712345678", // no leading 0 or country code
                "071234567", // too short
                "07123456789", // too long
                "0212345678", // a landline (Nairobi 020), not a mobile number
                "+255712345678", // Tanzania
                "2540712345678", // country code and trunk 0
                "+2547123456789", // too long
                "+254 0712 345 678",
                "07123456ab",
                "0712.345.678", // dots are not among the tolerated separators
                "++254712345678",
                "٠٧١٢٣٤٥٦٧٨", // Arabic-Indic digits
                "0712345678; DROP TABLE payment",
                "+",
                "254"
            })
    void rejectsAnythingElseWithAClearMessage(String input) {
        assertThatThrownBy(() -> MpesaPhoneNumbers.normalise(input))
                .isInstanceOf(InvalidMpesaPhoneNumberException.class)
                .hasMessageContaining("Kenyan mobile number");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void rejectsAMissingNumber(String input) {
        assertThatThrownBy(() -> MpesaPhoneNumbers.normalise(input))
                .isInstanceOf(InvalidMpesaPhoneNumberException.class)
                .hasMessageContaining("required");
        assertThat(InvalidMpesaPhoneNumberException.FIELD).isEqualTo("phoneNumber");
    }
}
