package dev.surge.platform.persistence;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Elects one instance for a periodic job: the first instance to {@code SET NX} the job's key runs this
 * round, and the key expires after the round's period so that another instance can take over if the
 * leader dies. Good for work that is safe but wasteful to run twice (each job stays correct on its own).
 */
@Component
public class LeaderLease {

    private final ReactiveStringRedisTemplate redis;
    private final String instance = UUID.randomUUID().toString();

    LeaderLease(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** True when this instance holds {@code job}'s lease for the next {@code period}. */
    public Mono<Boolean> acquire(String job, Duration period) {
        String key = "surge:lease:" + job;
        return redis.opsForValue().setIfAbsent(key, instance, period)
                .flatMap(won -> won ? Mono.just(true)
                        : redis.opsForValue().get(key).map(instance::equals).defaultIfEmpty(false));
    }

    /** Runs {@code round} when this instance holds {@code job}'s lease for the next {@code period}; else nothing. */
    public <T> Mono<T> ifLeader(String job, Duration period, Supplier<Mono<T>> round) {
        return acquire(job, period).filter(Boolean::booleanValue).flatMap(leader -> round.get());
    }
}
