package dev.surge.platform.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class RunToEndTests {

    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    @Test
    void answersAsTheWorkDoes() {
        StepVerifier.create(RunToEnd.of(Mono.just(7))).expectNext(7).verifyComplete();
        StepVerifier.create(RunToEnd.of(Mono.empty())).verifyComplete();
        StepVerifier.create(RunToEnd.of(Mono.error(new IllegalStateException("sold out"))))
                .expectErrorMessage("sold out").verify();
        StepVerifier.create(RunToEnd.of(Mono.deferContextual(c -> Mono.just(c.get("who")))).contextWrite(c -> c.put("who", "ada")))
                .expectNext("ada").verifyComplete();
    }

    @Test
    void finishesAfterTheCallerLeftAndDropsNoErrorOnTheFloor() {
        Hooks.onErrorDropped(dropped::add);
        Sinks.One<Integer> outcome = Sinks.one();
        AtomicBoolean finished = new AtomicBoolean();
        Disposable caller = RunToEnd.of(outcome.asMono().doFinally(signal -> finished.set(true))).subscribe();

        caller.dispose();
        outcome.tryEmitError(new IllegalStateException("sold out"));

        assertThat(finished).isTrue();
        assertThat(dropped).isEmpty();
    }
}
