package dev.surge.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link ObservationMeters} records exactly the meters Micrometer's {@link DefaultMeterObservationHandler}
 * records (names, tags, types, counts, in-flight counts), for the same observations.
 */
class ObservationMetersTests {

    @Test
    void recordsWhatTheDefaultHandlerRecords() {
        assertThat(meters(registry -> new ObservationMeters(registry, true)))
                .isEqualTo(meters(DefaultMeterObservationHandler::new))
                .containsKeys("timer http.server.requests [application=surge, error=none, method=GET, status=200, uri=/api/v1/cart]",
                        "timer http.server.requests [application=surge, error=IllegalStateException, method=POST, status=500, uri=/api/v1/orders]",
                        "long_task_timer http.server.requests.active [application=surge, method=GET, uri=UNKNOWN]",
                        "counter lettuce.retried [command=GET]");
    }

    @Test
    void leavesTheInFlightTimerOutWhenItIsIgnored() {
        assertThat(meters(registry -> new ObservationMeters(registry, false)))
                .isEqualTo(meters(registry -> new DefaultMeterObservationHandler(registry,
                        DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER)))
                .doesNotContainKey("long_task_timer http.server.requests.active [application=surge, method=GET, uri=UNKNOWN]");
    }

    @Test
    void countsObservationsStillInFlight() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationMeters(meters, true));
        Observation first = request(observations, "GET").start();
        Observation second = request(observations, "GET").start();
        LongTaskTimer active = meters.get("http.server.requests.active").longTaskTimer();
        assertThat(active.activeTasks()).isEqualTo(2);
        first.stop();
        assertThat(active.activeTasks()).isEqualTo(1);
        second.stop();
        assertThat(active.activeTasks()).isZero();
    }

    /** Every meter after the same sequence of observations, as "type name [tags]" -> its counts. */
    private static Map<String, String> meters(Function<MeterRegistry, MeterObservationHandler<Observation.Context>> handler) {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(handler.apply(meters));
        for (int i = 0; i < 3; i++) {
            Observation request = request(observations, "GET").start();
            request.lowCardinalityKeyValue("uri", "/api/v1/cart").lowCardinalityKeyValue("status", "200").stop();
        }
        Observation failed = request(observations, "POST").start();
        failed.lowCardinalityKeyValue("uri", "/api/v1/orders").lowCardinalityKeyValue("status", "500")
                .error(new IllegalStateException("boom")).stop();
        Observation open = request(observations, "GET").start(); // still in flight when the meters are read
        Observation command = Observation.createNotStarted("lettuce", observations)
                .lowCardinalityKeyValue("command", "GET").start();
        command.event(Observation.Event.of("retried"));
        command.stop();
        Map<String, String> all = new TreeMap<>();
        for (Meter meter : meters.getMeters()) {
            String counts = meter instanceof Timer timer ? "count=" + timer.count()
                    : meter instanceof LongTaskTimer active ? "active=" + active.activeTasks()
                    : "measure=" + meter.measure().iterator().next().getValue();
            all.put(meter.getId().getType().name().toLowerCase() + " " + meter.getId().getName() + " "
                    + meter.getId().getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue()).toList(), counts);
        }
        open.stop();
        return all;
    }

    private static Observation request(ObservationRegistry observations, String method) {
        return Observation.createNotStarted("http.server.requests", observations)
                .lowCardinalityKeyValues(KeyValues.of("application", "surge", "method", method, "uri", "UNKNOWN"));
    }
}
