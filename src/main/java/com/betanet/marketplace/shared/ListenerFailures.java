package com.betanet.marketplace.shared;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * How a failed async event listener is logged. Its event publication stays incomplete and is handed to it again, so
 * a refusal that only says "not now" (the message broker is unavailable: a node starting, a relay reconnecting) is a
 * one-line warning per event instead of an error with a stack trace each; any other failure is still an error with
 * its stack trace, because it may be a bug that no retry cures.
 */
@Configuration(proxyBeanMethods = false)
class ListenerFailures implements AsyncConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ListenerFailures.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return ListenerFailures::log;
    }

    static void log(Throwable failure, Method method, Object... params) {
        var listener = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (failure instanceof MessageDeliveryException) {
            log.warn(
                    "{} did not send: {}; its event publication stays incomplete and is retried",
                    listener,
                    failure.getMessage());
        } else {
            log.error("{} failed; its event publication (if it has one) stays incomplete", listener, failure);
        }
    }
}
