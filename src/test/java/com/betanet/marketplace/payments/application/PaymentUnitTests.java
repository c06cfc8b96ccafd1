package com.betanet.marketplace.payments.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.betanet.marketplace.payments.PaymentMethod;
import com.betanet.marketplace.payments.provider.Provider;
import com.betanet.marketplace.shared.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

class PaymentUnitTests {

    @ParameterizedTest
    @ValueSource(strings = {"0712345678", "+254712345678", "254712345678", "0712 345 678", "+254-712-345-678"})
    void safaricomNumbersAreNormalised(String phone) {
        assertThat(PaymentService.normalisedPhone(phone)).isEqualTo("254712345678");
    }

    @Test
    void newPrefixesAreNormalisedToo() {
        assertThat(PaymentService.normalisedPhone("0110 123456")).isEqualTo("254110123456");
        assertThat(PaymentService.normalisedPhone("+254110123456")).isEqualTo("254110123456");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "12345", "0812345678", "071234567", "07123456789", "+1 212 555 0100", "2547abc45678"})
    void otherNumbersAreValidationErrors(String phone) {
        assertThatThrownBy(() -> PaymentService.normalisedPhone(phone))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("validation_failed"));
    }

    @Test
    void withoutCredentialsEveryMethodRunsOnTheSimulator() {
        var providers = new PaymentProviders(List.of(), new MockEnvironment());
        assertThat(providers.forMethod(PaymentMethod.MPESA)).isEqualTo(Provider.SIMULATOR);
        assertThat(providers.forMethod(PaymentMethod.CARD)).isEqualTo(Provider.SIMULATOR);
    }

    @Test
    void theProdProfileRefusesToStartWithoutCredentialsAndNamesWhatIsMissing() {
        var environment = new MockEnvironment().withProperty("marketplace.payments.mpesa.consumer-key", "key");
        environment.setActiveProfiles("prod");
        assertThatThrownBy(() -> new PaymentProviders(List.of(), environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MARKETPLACE_MPESA_CONSUMER_SECRET")
                .hasMessageContaining("MARKETPLACE_MPESA_PASSKEY")
                .hasMessageContaining("MARKETPLACE_STRIPE_SECRET_KEY")
                .hasMessageNotContaining("MARKETPLACE_MPESA_CONSUMER_KEY,");
    }
}
