package com.betanet.marketplace.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.identity.domain.PhoneNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfilePhoneNumberTests {

    @ParameterizedTest
    @CsvSource({
        "0712345678, +254712345678",
        "0712 345 678, +254712345678",
        "0110-123-456, +254110123456",
        "254712345678, +254712345678",
        "+254712345678, +254712345678",
        "+254 (0)20 1234567, ''",
        "+254 20 1234567, +254201234567",
        "+1 415 555 2671, +14155552671",
        "+44 20 7946 0958, +442079460958",
        "+255.754.123.456, +255754123456",
    })
    void normalisesToE164(String raw, String expected) {
        if (expected.isEmpty()) {
            assertThat(PhoneNumber.normalize(raw)).isEmpty();
        } else {
            assertThat(PhoneNumber.normalize(raw)).contains(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "0812345678", // not a Kenyan mobile prefix
                "071234567", // one digit short
                "07123456789", // one digit long
                "+25471234567", // Kenyan, too short
                "+2547123456789", // Kenyan, too long
                "4155552671", // a foreign number without its country code
                "+0123456789",
                "+1234567",
                "+1234567890123456",
                "+٢٥٤٧١٢٣٤٥٦٧٨", // digits of another script
                "0712abc678",
                "0712345678\u0000",
                "+254712345678 ext 5",
                "12345678901234567890123456789012345"
            })
    void refusesWhatIsNotAPhoneNumber(String raw) {
        assertThat(PhoneNumber.normalize(raw)).isEmpty();
    }
}
