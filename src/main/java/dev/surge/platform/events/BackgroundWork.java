package dev.surge.platform.events;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Subscriptions that run for the application's lifetime: started with the context, disposed on shutdown. */
public abstract class BackgroundWork implements SmartLifecycle {

    private volatile Disposable running = Disposables.disposed();

    /** Subscribes the work; {@link Disposables#disposed()} when there is nothing to run. */
    protected abstract Disposable begin();

    @Override
    public final void start() {
        running = begin();
    }

    @Override
    public final void stop() {
        running.dispose();
    }

    @Override
    public final boolean isRunning() {
        return !running.isDisposed();
    }

    /**
     * Runs {@code job} every {@code period}, one run at a time; a failed run is logged and the next tick
     * runs anyway. Only exceptions are absorbed: an {@link Error} (BlockHound's verdict in tests, or the
     * JVM's) ends the work loudly instead of being logged away.
     */
    public static Disposable every(Duration initialDelay, Duration period, Supplier<Mono<?>> job, Logger log, String what) {
        return Flux.interval(initialDelay, period)
                .onBackpressureDrop()
                .concatMap(tick -> guarded(job, log, what))
                .subscribe();
    }

    /**
     * As {@link #every}, and also whenever {@code nudges} emits: a nudge (or tick) that comes while a run is under
     * way is kept, one at most, and starts the next run as soon as that one ends, so work signalled during a run
     * is not left for the next tick.
     */
    public static Disposable every(Duration initialDelay, Duration period, Flux<?> nudges, Supplier<Mono<?>> job,
            Logger log, String what) {
        return Flux.merge(Flux.interval(initialDelay, period), nudges)
                .onBackpressureLatest()
                .concatMap(tick -> guarded(job, log, what), 0)
                .subscribe();
    }

    private static Mono<?> guarded(Supplier<Mono<?>> job, Logger log, String what) {
        return job.get().onErrorResume(Exception.class, e -> {
            log.warn("{} failed: {}", what, e.toString());
            return Mono.empty();
        });
    }
}
