package com.betanet.marketplace.shared;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Async event listeners (Modulith's {@code @ApplicationModuleListener}) and scheduled jobs are on for every module. */
@Configuration(proxyBeanMethods = false)
@EnableAsync
@EnableScheduling
class SharedConfiguration {

    /** The one source of "now", so tests can move time instead of sleeping. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
