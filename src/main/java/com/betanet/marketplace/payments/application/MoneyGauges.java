package com.betanet.marketplace.payments.application;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What an operator must watch about money in flight, as gauges read from the database at each scrape: refunds and
 * payouts still PENDING an hour after they were made (the provider never answered, or answered nothing final: the
 * status jobs keep asking, but a person may have to call Safaricom or look in Stripe's dashboard), and payments
 * flagged for an admin (money booked to suspense, chargebacks), payouts flagged (M-Pesa's answers contradict the
 * booking), and provider webhooks recorded but not applied (they
 * are applied within moments unless applying them fails).
 */
@Component
class MoneyGauges {

    private static final Logger log = LoggerFactory.getLogger(MoneyGauges.class);
    static final Duration OVERDUE_AFTER = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    MoneyGauges(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder("marketplace.refunds.overdue", this, gauges -> gauges.overdue("refunds"))
                .description("Refunds still PENDING an hour after they were made")
                .register(registry);
        Gauge.builder("marketplace.payouts.overdue", this, gauges -> gauges.overdue("payouts"))
                .description("Payouts still PENDING an hour after they were made")
                .register(registry);
        Gauge.builder("marketplace.payments.flagged", this, MoneyGauges::flagged)
                .description("Payments flagged for an admin: amounts booked to suspense, chargebacks")
                .register(registry);
        Gauge.builder("marketplace.payouts.flagged", this, gauges -> gauges.count("""
                        select count(*) from payouts where flag_reason is not null"""))
                .description("Payouts whose provider's answers contradict what was booked: see flag_reason")
                .register(registry);
        Gauge.builder("marketplace.payments.inbox.waiting", this, gauges -> gauges.count("""
                        select count(*) from payment_inbox where kind is not null and processed_at is null"""))
                .description("Provider webhooks recorded and not applied yet: near zero unless they fail")
                .register(registry);
        Gauge.builder("marketplace.payments.inbox.failing", this, gauges -> gauges.count("""
                        select count(*) from payment_inbox
                        where kind is not null and processed_at is null and attempts > 0"""))
                .description("Provider webhooks whose application failed and waits for a retry (see last_error)")
                .register(registry);
        Gauge.builder("marketplace.payments.inbox.contradicted", this, gauges -> gauges.count("""
                        select count(*) from payment_inbox where contradicted_by is not null"""))
                .description("Provider documents delivered again with a contradicting report (see contradicted_by)")
                .register(registry);
    }

    /** {@code table} is one of two constants above, never input. */
    private double overdue(String table) {
        return count(
                "select count(*) from " + table + " where status = 'PENDING' and created_at < ?",
                Timestamp.from(clock.instant().minus(OVERDUE_AFTER)));
    }

    private double flagged() {
        return count("select count(*) from payments where flagged");
    }

    private double count(String sql, Object... params) {
        try {
            return jdbc.sql(sql).params(params).query(Long.class).single();
        } catch (RuntimeException unreadable) {
            // a scrape never fails for it: the gauge reads as missing (NaN)
            log.warn("Could not read a money gauge: {}", unreadable.getMessage());
            return Double.NaN;
        }
    }
}
