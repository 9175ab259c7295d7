package dev.surge.identity.domain;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.surge.identity.config.IdentityProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Argon2id hashing on its own bounded scheduler ({@code argon2-*} threads, sized by
 * {@code surge.identity.passwords.hashing-threads}): each hash costs tens of milliseconds of CPU and
 * memory, which must never run on an event loop. The queue is bounded too: a burst of sign-ins waits its
 * turn or is refused, it does not exhaust memory.
 */
@Component
class PasswordHasher implements DisposableBean {

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);
    private final IdentityProperties.Passwords cost;
    private final Scheduler scheduler;
    /** Verified against when the account does not exist, so that case takes as long as a wrong password. */
    private final String decoy;

    PasswordHasher(IdentityProperties properties) {
        this.cost = properties.passwords();
        this.scheduler = Schedulers.newBoundedElastic(cost.hashingThreads(), cost.maxQueuedHashes(), "argon2");
        this.decoy = hashNow("decoy password that matches nothing".toCharArray());
    }

    Mono<String> hash(String password) {
        return Mono.fromCallable(() -> hashNow(password.toCharArray())).subscribeOn(scheduler);
    }

    /** Whether {@code password} matches {@code hash}; with a null hash it checks the decoy and answers false. */
    Mono<Boolean> verify(String hash, String password) {
        return Mono.fromCallable(() -> {
            boolean matches = argon2.verify(hash == null ? decoy : hash, password.toCharArray());
            return hash != null && matches;
        }).subscribeOn(scheduler);
    }

    /** True when the hash was made with other cost parameters than the configured ones. */
    boolean needsRehash(String hash) {
        return argon2.needsRehash(hash, cost.iterations(), cost.memoryKib(), cost.parallelism());
    }

    private String hashNow(char[] password) {
        try {
            return argon2.hash(cost.iterations(), cost.memoryKib(), cost.parallelism(), password);
        } finally {
            argon2.wipeArray(password);
        }
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
