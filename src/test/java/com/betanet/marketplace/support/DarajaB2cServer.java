package com.betanet.marketplace.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * WireMock standing in for Daraja's OAuth, B2C and Transaction Status endpoints (started once per test JVM), and the
 * B2C settings that point the application at it ({@link B2cIntegrationTest}). By default every request is accepted
 * the way Daraja documents it; tests add stubs of higher priority for refusals.
 */
public final class DarajaB2cServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String CALLBACK_SECRET = "b2c-callback-secret-for-tests";
    public static final String INITIATOR = "testapi";
    public static final String SECURITY_CREDENTIAL = "encrypted-initiator-password-for-tests";
    public static final String B2C_SHORTCODE = "600996";
    public static final String PUBLIC_BASE_URL = "https://marketplace.example";
    public static final String TOKEN_PATH = ProviderTestServers.MPESA_TOKEN_PATH;
    public static final String B2C_PATH = ProviderTestServers.MPESA_B2C_PATH;
    public static final String STATUS_PATH = ProviderTestServers.MPESA_STATUS_PATH;

    private static final WireMockServer DARAJA = start();

    private static WireMockServer start() {
        var server = LocalWireMock.started(10);
        server.stubFor(get(urlEqualTo(TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"b2c-test-token\",\"expires_in\":\"3599\"}")));
        server.stubFor(post(urlPathEqualTo(B2C_PATH)).atPriority(10).willReturn(okJson("""
                {"ConversationID":"AG_20191219_00005797af5d7d75f652","ResponseCode":"0",
                 "ResponseDescription":"Accept the service request successfully."}
                """)));
        server.stubFor(post(urlPathEqualTo(STATUS_PATH)).atPriority(10).willReturn(okJson("""
                {"OriginatorConversationID":"10816-694520-2","ConversationID":"AG_20170727_000059c52529a8e080bd",
                 "ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}
                """)));
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "marketplace.public-base-url=" + PUBLIC_BASE_URL,
                        "marketplace.payments.mpesa.base-url=" + DARAJA.baseUrl(),
                        "marketplace.payments.mpesa.consumer-key=b2c-consumer-key",
                        "marketplace.payments.mpesa.consumer-secret=b2c-consumer-secret",
                        "marketplace.payments.mpesa.callback-secret=" + CALLBACK_SECRET,
                        "marketplace.payments.mpesa.b2c-initiator-name=" + INITIATOR,
                        "marketplace.payments.mpesa.b2c-security-credential=" + SECURITY_CREDENTIAL,
                        "marketplace.payments.mpesa.b2c-shortcode=" + B2C_SHORTCODE)
                .applyTo(context);
    }

    public static WireMockServer daraja() {
        return DARAJA;
    }
}
