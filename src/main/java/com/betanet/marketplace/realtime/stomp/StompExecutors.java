package com.betanet.marketplace.realtime.stomp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Threads of their own for the STOMP client channels. Boot would run both on the application's task executor, the
 * one the outbox listeners run on: at a thousand order events a second the frames then queue behind the listeners'
 * database work (each listener takes a connection and commits its publication), and a burst of publications delays
 * every frame by seconds (bench/realtime/README.md). Inbound frames (CONNECT checks the token and the account,
 * SUBSCRIBE to an order topic reads the order) may block on the database; outbound ones only write to sockets.
 */
@Configuration(proxyBeanMethods = false)
class StompExecutors {

    static final int CPUS = Runtime.getRuntime().availableProcessors();

    @Bean
    ThreadPoolTaskExecutor stompInboundExecutor() {
        return executor("stomp-in-", Math.max(8, 4 * CPUS));
    }

    @Bean
    ThreadPoolTaskExecutor stompOutboundExecutor() {
        return executor("stomp-out-", Math.max(4, 2 * CPUS));
    }

    private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
        var executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setAllowCoreThreadTimeOut(true);
        return executor;
    }
}
