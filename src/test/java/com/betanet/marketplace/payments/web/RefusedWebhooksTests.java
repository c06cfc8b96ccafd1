package com.betanet.marketplace.payments.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.betanet.marketplace.support.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class RefusedWebhooksTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-08T00:00:00Z"));
    private final RefusedWebhooks refusals = new RefusedWebhooks(registry, clock);

    private double counted(String webhook, String reason) {
        var counter = registry.find("marketplace.payments.webhooks.refused")
                .tag("webhook", webhook)
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static long lines(CapturedOutput output, String text) {
        return output.getOut().lines().filter(line -> line.contains(text)).count();
    }

    @Test
    void aFloodOfForgedCallsIsCountedInFullButLoggedOnceAMinutePerWebhook(CapturedOutput output) {
        for (int i = 0; i < 1_000; i++) {
            refusals.refused("stripe", "invalid_signature", "forged " + i);
            clock.advance(Duration.ofMillis(30)); // 1 000 calls in 30 s
        }
        refusals.refused("mpesa-stk", "wrong_secret", "no such callback URL");

        assertThat(counted("stripe", "invalid_signature")).isEqualTo(1_000);
        assertThat(counted("mpesa-stk", "wrong_secret")).isEqualTo(1);
        assertThat(lines(output, "webhook call refused"))
                .as("one line per webhook")
                .isEqualTo(2);
        assertThat(output.getOut()).contains("stripe webhook call refused (invalid_signature): forged 0");

        clock.advance(Duration.ofSeconds(30)); // a minute after the first line
        refusals.refused("stripe", "invalid_signature", "forged again");
        assertThat(lines(output, "webhook call refused")).isEqualTo(3);
        assertThat(output.getOut())
                .contains("stripe webhook call refused (invalid_signature): forged again; 999 more refused since");
        assertThat(counted("stripe", "invalid_signature")).isEqualTo(1_001);
    }
}
