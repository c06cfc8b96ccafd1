package com.betanet.marketplace.payments.mpesa;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code marketplace.payments.mpesa.*} (README, configuration). Without the STK credentials M-Pesa runs on the local
 * simulator; B2C payouts additionally need the initiator, its security credential and the B2C shortcode.
 *
 * @param baseUrl Daraja's base URL, the sandbox by default; a test or an emulator may stand in for it
 * @param shortcode the PayBill number that receives STK payments (BusinessShortCode and PartyB)
 * @param passkey the Lipa na M-Pesa Online passkey that, with the shortcode and a timestamp, makes the STK password
 * @param callbackSecret the secret path segment of the callback URLs Daraja is given
 * @param b2cSecurityCredential the initiator password encrypted with Safaricom's certificate, as the portal gives it
 * @param connectTimeout how long to wait for a connection to Daraja
 * @param readTimeout how long to wait for Daraja's answer; after that the outcome is unknown and is reconciled
 */
@ConfigurationProperties("marketplace.payments.mpesa")
public record MpesaProperties(
        @DefaultValue("https://sandbox.safaricom.co.ke") String baseUrl,
        @DefaultValue("") String consumerKey,
        @DefaultValue("") String consumerSecret,
        @DefaultValue("") String shortcode,
        @DefaultValue("") String passkey,
        @DefaultValue("") String callbackSecret,
        @DefaultValue("") String b2cInitiatorName,
        @DefaultValue("") String b2cSecurityCredential,
        @DefaultValue("") String b2cShortcode,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout) {

    /** Whether STK push can be used against Daraja (else the simulator stands in, outside {@code prod}). */
    public boolean configured() {
        return !consumerKey.isBlank() && !consumerSecret.isBlank() && !shortcode.isBlank() && !passkey.isBlank();
    }

    /** Whether B2C payouts and transaction status queries can be sent. */
    public boolean b2cConfigured() {
        return !consumerKey.isBlank()
                && !consumerSecret.isBlank()
                && !b2cInitiatorName.isBlank()
                && !b2cSecurityCredential.isBlank()
                && !b2cShortcode.isBlank();
    }

    @Override
    public String toString() {
        // Keeps the secrets out of logs and actuator output.
        return "MpesaProperties[baseUrl=" + baseUrl + ", shortcode=" + shortcode + ", b2cShortcode=" + b2cShortcode
                + ", configured=" + configured() + ", b2cConfigured=" + b2cConfigured() + "]";
    }
}
