package com.betanet.marketplace.realtime.stomp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.task.SimpleAsyncTaskSchedulerBuilder;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Keeps the application's own scheduler once WebSocket messaging is on. Its configuration declares executor and
 * scheduler beans of its own ({@code clientInboundChannelExecutor}, {@code messageBrokerTaskScheduler}, …), and Boot
 * then backs off from creating {@code taskScheduler}: every {@code @Scheduled} job would run on the threads that
 * send STOMP heart-beats. (The executor of the async event listeners is kept by
 * {@code spring.task.execution.mode: force}.) This declares {@code taskScheduler} exactly as Boot would, and
 * {@code @Scheduled} picks the bean of that name among several schedulers; it is the primary one for any other
 * component that asks for a {@code TaskScheduler} (e.g. the payment simulator).
 */
@Configuration(proxyBeanMethods = false)
class ApplicationExecutors {

    @Bean(name = "taskScheduler")
    @Primary
    @ConditionalOnThreading(Threading.VIRTUAL)
    SimpleAsyncTaskScheduler virtualThreadTaskScheduler(SimpleAsyncTaskSchedulerBuilder builder) {
        return builder.build();
    }

    @Bean(name = "taskScheduler")
    @Primary
    @ConditionalOnThreading(Threading.PLATFORM)
    ThreadPoolTaskScheduler platformThreadTaskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }
}
