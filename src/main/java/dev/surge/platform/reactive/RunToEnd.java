package dev.surge.platform.reactive;

import dev.surge.platform.errors.SurgeException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * Work that must finish once started, whether or not its caller is still there: a flash-sale attempt
 * between Redis's grant and PostgreSQL's answer, a cart merge after the guest cart was taken, a checkout
 * whose idempotency claim is held. The caller's cancellation (a client that disconnects) stops waiting for
 * the answer, never the work.
 * <p>
 * The outcome travels as a {@link Signal}. An expected outcome that ends the work after the caller left (a
 * {@link SurgeException}: sold out, say) is simply not delivered: carried as an error, Reactor would hand it
 * to {@code onErrorDropped}, which logs every such outcome at ERROR ("Operator called default
 * onErrorDropped"), by the thousand at the end of a flash sale. Any other failure after the caller left is
 * still logged, at WARN, since nobody else will hear of it.
 */
public final class RunToEnd {

    private static final Logger log = LoggerFactory.getLogger(RunToEnd.class);

    private RunToEnd() {
    }

    /** Subscribes {@code work} when the result is subscribed (with its context), and lets it finish. */
    public static <T> Mono<T> of(Mono<T> work) {
        return Mono.deferContextual(context -> {
            CompletableFuture<Signal<T>> outcome = work.contextWrite(context).materialize().toFuture();
            return Mono.fromFuture(outcome, true)
                    .doOnCancel(() -> outcome.thenAccept(signal -> {
                        if (signal.isOnError() && !(signal.getThrowable() instanceof SurgeException)) {
                            log.warn("Work whose caller had left failed", signal.getThrowable());
                        }
                    }));
        }).dematerialize();
    }
}
