package com.betanet.marketplace.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.ContextConfiguration;

/**
 * {@link IntegrationTest} with the real M-Pesa and Stripe adapters, talking to WireMock ({@link ProviderTestServers})
 * instead of the simulator: the one extra application context of the suite. Put it on every test class that needs
 * the adapters (they extend {@link HttpTest}), with nothing else that changes the context, so they all share it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ContextConfiguration(initializers = ProviderTestServers.class)
public @interface ProviderIntegrationTest {}
