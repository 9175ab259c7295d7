package dev.surge.payments.domain;

import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.platform.events.BackgroundWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Applies stored payment events that could not be applied when they arrived (their payment did not exist
 * yet, or our own processing failed), from storage, on every instance: the event row's lock decides who
 * applies each one, so two instances never apply the same event.
 */
@Component
class PaymentEventRetry extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventRetry.class);

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
        return every(properties.retryInterval(), properties.retryInterval(), this::round, log, "Payment event retry");
    }

    /** One round: applies the due events, then counts what is still waiting. */
    Mono<Void> round() {
        return payments.due(properties.retryBatch())
                .concatMap(key -> processor.apply(key.provider(), key.eventId()))
                .then(payments.unprocessedCount())
                .doOnNext(metrics::unprocessed)
                .then();
    }
}
