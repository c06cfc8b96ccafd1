package com.betanet.marketplace.payments.mpesa;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * The Daraja client exists whether or not credentials are set (it fetches a token only when first used); the payments
 * core asks {@link MpesaProperties#configured()} to choose between it and the simulator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MpesaProperties.class)
class MpesaConfiguration {

    @Bean
    DarajaClient darajaClient(MpesaProperties properties, Clock clock) {
        return new DarajaClient(properties, RestClient.builder(), clock);
    }
}
