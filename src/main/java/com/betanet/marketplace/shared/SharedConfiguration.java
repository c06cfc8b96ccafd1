package com.betanet.marketplace.shared;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

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

    /**
     * How the event publication registry stores events: the application's JSON mapper, as Spring Modulith's own
     * serializer would use it, but resolved once. Modulith's looks the mapper bean up in the bean factory on every
     * event written or read (about 2 % of the server's CPU while webhooks confirm payments).
     */
    @Bean
    EventSerializer eventSerializer(JsonMapper json) {
        return new EventSerializer() {
            @Override
            public Object serialize(Object event) {
                return json.writeValueAsString(event);
            }

            @Override
            public <T> T deserialize(Object serialized, Class<T> type) {
                return json.readerFor(type).readValue(serialized.toString());
            }
        };
    }
}
