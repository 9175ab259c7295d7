package dev.surge.payments.domain;

import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.platform.events.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies stored payment events that were not applied when they arrived (their payment did not exist yet, our
 * own processing failed, or a burst of deliveries left them to this job), from storage, on every instance: the
 * event row's lock decides who applies each one, so two instances never apply the same event. It runs every
 * {@code retry-interval}, and at once when a delivery leaves its event to it.
 */
@Component
class PaymentEventRetry extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventRetry.class);
    /** Batches one round takes at most, so a round that keeps finding work still ends (the next starts at once). */
    private static final int MAX_BATCHES_PER_ROUND = 20;

    private final PaymentQueries payments;
    private final PaymentEventProcessor processor;
    private final PaymentMetrics metrics;
    private final PaymentsProperties.Processing properties;

    PaymentEventRetry(PaymentQueries payments, PaymentEventProcessor processor, PaymentMetrics metrics,
            PaymentsProperties properties) {
        this.payments = payments;
        this.processor = processor;
        this.metrics = metrics;
        this.properties = properties.processing();
    }

    @Override
    protected Disposable begin() {
        return every(properties.retryInterval(), properties.retryInterval(), processor.backlog(), this::round, log,
                "Payment event retry");
    }

    /** One round: applies the due events, a batch after another while they come full, then counts what still waits. */
    Mono<Void> round() {
        return batch()
                .expand(taken -> taken == properties.retryBatch() ? batch() : Mono.empty())
                .take(MAX_BATCHES_PER_ROUND)
                .then(payments.unprocessedCount())
                .doOnNext(metrics::unprocessed)
                .then();
    }

    /** Applies one batch of due events, a few at once; answers how many it took. */
    private Mono<Integer> batch() {
        return payments.due(properties.retryBatch()).collectList()
                .flatMap(keys -> Flux.fromIterable(keys)
                        .flatMap(key -> processor.apply(key.provider(), key.eventId()),
                                Math.max(1, properties.retryConcurrency()))
                        .then(Mono.just(keys.size())));
    }
}
