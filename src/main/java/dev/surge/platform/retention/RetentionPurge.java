package dev.surge.platform.retention;

import java.util.function.IntFunction;
import reactor.core.publisher.Mono;

/**
 * One kind of record a module deletes once it is past its retention period (ended sessions, sent emails...).
 * Each module declares a bean per kind over its own tables; {@link RetentionJob} runs them all, on one
 * instance at a time, batch after batch, and counts what each removed.
 */
public interface RetentionPurge {

    /** The metric tag and log name, e.g. {@code "sessions"}; unique across modules. */
    String kind();

    /**
     * Deletes at most {@code batch} of the oldest records past retention and emits how many it deleted; fewer
     * than {@code batch} means nothing is left for now. Must be safe to run concurrently with itself (use
     * {@code FOR UPDATE SKIP LOCKED}) and must never touch a record still in use.
     */
    Mono<Long> purge(int batch);

    static RetentionPurge of(String kind, IntFunction<Mono<Long>> purge) {
        return new RetentionPurge() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Mono<Long> purge(int batch) {
                return purge.apply(batch);
            }
        };
    }
}
