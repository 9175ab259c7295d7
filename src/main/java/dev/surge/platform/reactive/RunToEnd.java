package dev.surge.platform.reactive;

import reactor.core.publisher.Mono;

/**
 * Work that must finish once started, whether or not its caller is still there: a flash-sale attempt
 * between Redis's grant and PostgreSQL's answer, a cart merge after the guest cart was taken, a checkout
 * whose idempotency claim is held. The caller's cancellation (a client that disconnects) stops waiting for
 * the answer, never the work.
 * <p>
 * The outcome travels as a {@link reactor.core.publisher.Signal}, so an expected error that ends the work
 * after the caller left (sold out, say) is simply not delivered: carried as an error, Reactor would hand it
 * to {@code onErrorDropped}, which logs every such outcome at ERROR ("Operator called default
 * onErrorDropped"), by the thousand at the end of a flash sale.
 */
public final class RunToEnd {

    private RunToEnd() {
    }

    /** Subscribes {@code work} when the result is subscribed (with its context), and lets it finish. */
    public static <T> Mono<T> of(Mono<T> work) {
        return Mono.deferContextual(context -> Mono.fromFuture(work.contextWrite(context).materialize().toFuture(), true))
                .dematerialize();
    }
}
