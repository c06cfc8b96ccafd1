package com.betanet.marketplace.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * On an {@link HttpTest}: the application with M-Pesa B2C configured against {@link DarajaB2cServer} (WireMock
 * speaking Daraja), so payouts take the real Daraja path. STK payments stay on the simulator (no STK shortcode or
 * passkey). This is a second application context: use it only for tests of the real B2C path.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = DarajaB2cServer.class)
public @interface B2cIntegrationTest {}
