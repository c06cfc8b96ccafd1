package com.betanet.marketplace.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port against a real, throw-away PostgreSQL 17 (embedded, started by the
 * application itself) unless {@code SPRING_DATASOURCE_URL} points at another one, sending its mails to the test
 * JVM's SMTP server ({@link TestMailServer}) and its social sign-in providers to the JVM's stand-ins ({@link
 * OAuthTestServers}). Contexts are cached, so keep the properties of tests identical unless
 * a test really needs other settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {TestMailServer.class, OAuthTestServers.class})
@ActiveProfiles("test")
public @interface IntegrationTest {}
