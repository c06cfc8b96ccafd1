package com.betanet.marketplace.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * WireMock servers standing in for Safaricom's Daraja and for Stripe, started once per test JVM, and the settings
 * that switch M-Pesa and cards from the simulator to the real adapters pointed at them ({@link
 * ProviderIntegrationTest}). Tests stub the calls they expect with values unique to the test (phone numbers,
 * checkout ids), so stubs never need resetting. Daraja's read timeout is short, so a test can make an answer late.
 */
public final class ProviderTestServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String MPESA_SHORTCODE = "174379";
    // Daraja's published sandbox passkey for shortcode 174379.
    public static final String MPESA_PASSKEY = "bfb279f9aa9bdbcf158e97dd71a467cd2e0c893059b10f78e6b72ada1ed2c919";
    public static final String MPESA_CONSUMER_KEY = "consumer-key-for-tests";
    public static final String MPESA_CONSUMER_SECRET = "consumer-secret-for-tests";
    public static final String MPESA_CALLBACK_SECRET = "cb-secret-4f0e9a7c2b";
    public static final String MPESA_TOKEN = "daraja-token-for-tests";
    public static final String MPESA_TOKEN_PATH = "/oauth/v1/generate?grant_type=client_credentials";
    public static final String MPESA_STK_PATH = "/mpesa/stkpush/v1/processrequest";
    public static final String MPESA_QUERY_PATH = "/mpesa/stkpushquery/v1/query";
    public static final String MPESA_B2C_PATH = "/mpesa/b2c/v3/paymentrequest";
    public static final String MPESA_STATUS_PATH = "/mpesa/transactionstatus/v1/query";
    public static final String MPESA_B2C_INITIATOR = "testapi";
    /** Daraja's answer is given up on after this long (generous: a loaded CI machine must not lose answers); a stub
     * delayed beyond it is a push with no answer. */
    public static final int MPESA_READ_TIMEOUT_MILLIS = 3_000;

    public static final String STRIPE_SECRET_KEY = "sk_test_marketplace";
    public static final String STRIPE_WEBHOOK_SECRET = "whsec_marketplace_tests";
    public static final String PUBLIC_BASE_URL = "https://marketplace.example.test";

    private static final WireMockServer DARAJA = LocalWireMock.started(30);
    private static final WireMockServer STRIPE = LocalWireMock.started(30);

    static {
        DARAJA.stubFor(get(urlEqualTo(MPESA_TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"" + MPESA_TOKEN + "\",\"expires_in\":\"3599\"}")));
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "marketplace.public-base-url=" + PUBLIC_BASE_URL,
                        "marketplace.payments.mpesa.base-url=" + DARAJA.baseUrl(),
                        "marketplace.payments.mpesa.consumer-key=" + MPESA_CONSUMER_KEY,
                        "marketplace.payments.mpesa.consumer-secret=" + MPESA_CONSUMER_SECRET,
                        "marketplace.payments.mpesa.shortcode=" + MPESA_SHORTCODE,
                        "marketplace.payments.mpesa.passkey=" + MPESA_PASSKEY,
                        "marketplace.payments.mpesa.callback-secret=" + MPESA_CALLBACK_SECRET,
                        // B2C too: M-Pesa refunds are B2C payments back to the payer
                        "marketplace.payments.mpesa.b2c-initiator-name=" + MPESA_B2C_INITIATOR,
                        "marketplace.payments.mpesa.b2c-security-credential=encrypted-initiator-password",
                        "marketplace.payments.mpesa.b2c-shortcode=600996",
                        "marketplace.payments.mpesa.connect-timeout=3s",
                        "marketplace.payments.mpesa.read-timeout=" + MPESA_READ_TIMEOUT_MILLIS + "ms",
                        "marketplace.payments.stripe.api-base=" + STRIPE.baseUrl(),
                        "marketplace.payments.stripe.secret-key=" + STRIPE_SECRET_KEY,
                        "marketplace.payments.stripe.webhook-secret=" + STRIPE_WEBHOOK_SECRET,
                        "marketplace.payments.stripe.connect-timeout=1s",
                        "marketplace.payments.stripe.read-timeout=5s",
                        // every request a test sees is one the adapter sent; retries would blur the counts
                        "marketplace.payments.stripe.max-network-retries=0")
                .applyTo(context);
    }

    public static WireMockServer daraja() {
        return DARAJA;
    }

    public static WireMockServer stripe() {
        return STRIPE;
    }
}
