package dev.surge.payments.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Payment meters: {@code surge.payments.webhook.events} (received, tagged new or duplicate; deferred: left to
 * the retry job in a burst; applied, tagged by outcome), {@code surge.payments.events.unprocessed} (stored events
 * waiting to be applied, as of the last retry round), {@code surge.payments.reconciliation.mismatches} (counter by kind) and
 * {@code surge.payments.reconciliation.last.mismatches} (mismatches found by the last run).
 */
@Component
public class PaymentMetrics {

    private final MeterRegistry registry;
    private final AtomicLong unprocessed = new AtomicLong();
    private final AtomicLong lastMismatches = new AtomicLong();

    PaymentMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("surge.payments.events.unprocessed", unprocessed, AtomicLong::get)
                .description("Stored payment events not applied yet").register(registry);
        Gauge.builder("surge.payments.reconciliation.last.mismatches", lastMismatches, AtomicLong::get)
                .description("Mismatches found by the last reconciliation run").register(registry);
    }

    void received(String provider, boolean isNew) {
        Counter.builder("surge.payments.webhook.events").tag("provider", provider).tag("stage", "received")
                .tag("outcome", isNew ? "new" : "duplicate").register(registry).increment();
    }

    /** A new event left to the retry job by a delivery that found no inline slot free. */
    void leftToRetryJob(String provider) {
        Counter.builder("surge.payments.webhook.events").tag("provider", provider).tag("stage", "deferred")
                .tag("outcome", "left_to_retry_job").register(registry).increment();
    }

    void applied(String provider, String outcome) {
        Counter.builder("surge.payments.webhook.events").tag("provider", provider).tag("stage", "applied")
                .tag("outcome", outcome).register(registry).increment();
    }

    void unprocessed(long count) {
        unprocessed.set(count);
    }

    void mismatch(String kind) {
        Counter.builder("surge.payments.reconciliation.mismatches").tag("kind", kind).register(registry).increment();
    }

    void lastRun(long mismatches) {
        lastMismatches.set(mismatches);
    }
}
