package dev.surge.platform.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The meters of every observation, as Micrometer's {@link DefaultMeterObservationHandler} records them (a
 * timer tagged with the observation's low-cardinality key values and {@code error}, and a long-task timer
 * {@code <name>.active} of those in flight), with each meter found once per set of tags and kept.
 * <p>
 * The default handler turns the key values into a new tag list and asks the registry for the meter on every
 * start and stop: the registry sorts the tags again, builds a meter id and looks it up. Every request and every
 * Redis command is an observation, so that was 3-5 % of a request's CPU. Tag values here are low-cardinality by
 * definition (the registry keeps one meter per set anyway), so the map stays as small as the registry.
 * Spring Boot wraps this handler as it wraps its own (exemplars from the current trace).
 */
final class ObservationMeters implements MeterObservationHandler<Observation.Context> {

    private final MeterRegistry registry;
    private final boolean activeTimers;
    private final ConcurrentMap<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<MeterKey, LongTaskTimer> inFlight = new ConcurrentHashMap<>();

    /** Which meter of which observation: its name, its key values and (timers only) its error. */
    private record MeterKey(String name, KeyValues keyValues, String error) {
    }

    ObservationMeters(MeterRegistry registry, boolean activeTimers) {
        this.registry = registry;
        this.activeTimers = activeTimers;
    }

    @Override
    public void onStart(Observation.Context context) {
        if (activeTimers) {
            LongTaskTimer active = inFlight.computeIfAbsent(
                    new MeterKey(context.getName(), context.getLowCardinalityKeyValues(), null),
                    key -> LongTaskTimer.builder(key.name() + ".active").tags(tags(key.keyValues())).register(registry));
            context.put(LongTaskTimer.Sample.class, active.start());
        }
        context.put(Timer.Sample.class, Timer.start(registry));
    }

    @Override
    public void onStop(Observation.Context context) {
        Throwable error = context.getError();
        MeterKey key = new MeterKey(context.getName(), context.getLowCardinalityKeyValues(),
                error == null ? "none" : error.getClass().getSimpleName());
        Timer timer = timers.computeIfAbsent(key,
                k -> Timer.builder(k.name()).tags(tags(k.keyValues())).tag("error", k.error()).register(registry));
        context.<Timer.Sample>getRequired(Timer.Sample.class).stop(timer);
        if (activeTimers) {
            context.<LongTaskTimer.Sample>getRequired(LongTaskTimer.Sample.class).stop();
        }
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
        Counter.builder(context.getName() + "." + event.getName())
                .tags(tags(context.getLowCardinalityKeyValues()))
                .register(registry)
                .increment();
    }

    private static Tags tags(KeyValues keyValues) {
        List<Tag> tags = new ArrayList<>();
        for (KeyValue keyValue : keyValues) {
            tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
        }
        return Tags.of(tags);
    }
}
