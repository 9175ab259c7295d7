package dev.surge.platform.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Histogram buckets for the request timer only. Spring Boot's
 * {@code management.metrics.distribution.percentiles-histogram.http.server.requests} matches by name prefix,
 * so it also gave the in-flight gauge {@code http.server.requests.active} (a long-task timer, started and
 * stopped for every request) a full set of buckets, which no query reads: p95 and p99 come from the timer's.
 * Every meter keeps its name, tags and the statistics Prometheus reads.
 */
@Configuration(proxyBeanMethods = false)
class MeterSettings {

    private static final String REQUESTS = "http.server.requests";

    /**
     * {@link ObservationMeters}: the meters of Spring Boot's {@code DefaultMeterObservationHandler}, found once.
     * Boot registers its own handler too; the meter handlers form a group of which the first that supports an
     * observation handles it, so this one (ordered first) takes every observation and Boot's is never reached.
     * {@code management.metrics.observations.ignored-meters} keeps its meaning.
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    MeterObservationHandler<Observation.Context> observationMeters(MeterRegistry registry, MetricsProperties properties) {
        return new ObservationMeters(registry, !properties.getObservations().getIgnoredMeters()
                .contains(DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
    }

    @Bean
    MeterFilter requestTimerHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (REQUESTS.equals(id.getName()) && id.getType() == Meter.Type.TIMER) {
                    return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
                }
                return config;
            }
        };
    }
}
