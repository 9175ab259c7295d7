package dev.surge.payments.domain;

import dev.surge.payments.config.PaymentsProperties;
import dev.surge.payments.data.PaymentQueries;
import dev.surge.payments.data.PaymentQueries.StoredEvent;
import dev.surge.payments.data.PaymentRow;
import dev.surge.payments.gateway.PaymentEvent;
import dev.surge.payments.gateway.PaymentGateway;
import dev.surge.payments.gateway.PaymentGateways;
import dev.surge.platform.persistence.Ids;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Applies provider events to payments and orders, each exactly once in effect, whatever the provider does.
 * <p>
 * A verified event is first stored on its own ({@code payment_events}, primary key (provider, event id)):
 * a repeat of a stored event inserts nothing and changes nothing. Then, in one transaction, the event row
 * is locked ({@code SKIP LOCKED}: whoever holds it applies it), the payment row is locked (so events of one
 * payment apply one at a time, in any order), the payment and the order move, and the event is marked
 * processed. A failure rolls all of it back and leaves the event stored and unprocessed, with a backoff;
 * {@link PaymentEventRetry} tries it again from storage. So does an event whose payment we do not know yet
 * (a webhook that raced the payment's creation).
 * <p>
 * Rules: a success grants value only through {@link dev.surge.orders.OrdersApi#markPaid} with the amount the provider
 * reports (a different amount or currency is flagged, not paid); a payment failure after a success is stale
 * and ignored (recorded as such); a refund moves by {@link RefundState} to what its provider confirms, told to
 * the order once per provider refund reference, and undone if the provider fails it after its success.
 */
@Service
public class PaymentEventProcessor {

    private static final Logger log = LoggerFactory.getLogger(PaymentEventProcessor.class);

    private final PaymentQueries payments;
    private final PaymentGateways gateways;
    private final PaymentEventRules rules;
    private final TransactionalOperator tx;
    private final PaymentMetrics metrics;
    private final long maxBackoffSeconds;
    private final int unknownPaymentAttempts;
    /** Deliveries whose event is being applied while they wait (tryAcquire only: never blocks). */
    private final Semaphore inlineSlots;
    private final Sinks.Many<Boolean> backlog = Sinks.many().multicast().directBestEffort();

    PaymentEventProcessor(PaymentQueries payments, PaymentGateways gateways, PaymentEventRules rules,
            TransactionalOperator tx, PaymentMetrics metrics, PaymentsProperties properties) {
        this.payments = payments;
        this.gateways = gateways;
        this.rules = rules;
        this.tx = tx;
        this.metrics = metrics;
        this.maxBackoffSeconds = Math.max(1, properties.processing().maxBackoff().toSeconds());
        this.unknownPaymentAttempts = Math.max(1, properties.processing().unknownPaymentAttempts());
        this.inlineSlots = new Semaphore(Math.max(1, properties.processing().inlineApplies()));
    }

    /**
     * A webhook delivery: verified by its gateway (400 and nothing stored otherwise), stored, then applied
     * if it can be now. Completes once the event is durably stored; a failure to apply it is not the
     * provider's problem and does not fail the delivery.
     * <p>
     * At most {@code surge.payments.processing.inline-applies} deliveries per instance wait for their event to be
     * applied. The others, in a burst, are answered once their event is stored, due at once, and the retry job
     * ({@link PaymentEventRetry}, woken by {@link #backlog()}) applies it: the provider gets its answer at the pace
     * the events can be stored, and the events are applied at the pace they can be applied, each exactly once.
     *
     * @return whether the event was new (false: a repeat, nothing changed)
     */
    public Mono<Boolean> receive(String provider, HttpHeaders headers, byte[] body) {
        PaymentGateway gateway = gateways.named(provider);
        return gateway.parseWebhook(headers, body).flatMap(event -> Mono.defer(() -> {
            if (!inlineSlots.tryAcquire()) {
                return store(event, false);
            }
            return store(event, true).doFinally(signal -> inlineSlots.release());
        }));
    }

    /** Stores an event (from a webhook or from asking the provider) and applies it if it is new. */
    public Mono<Boolean> accept(PaymentEvent event) {
        return store(event, true);
    }

    /** Wakes the retry job whenever a delivery left its new event to it (see {@link #receive}). */
    Flux<Boolean> backlog() {
        return backlog.asFlux();
    }

    private Mono<Boolean> store(PaymentEvent event, boolean applyNow) {
        return payments.recordEvent(event, applyNow).flatMap(isNew -> {
            metrics.received(event.provider(), isNew);
            if (!isNew) {
                return Mono.just(false);
            }
            if (!applyNow) {
                metrics.leftToRetryJob(event.provider());
                // A failed emission means another one is under way, which wakes the job as well.
                backlog.tryEmitNext(Boolean.TRUE);
                return Mono.just(true);
            }
            // Just stored, so unprocessed and untried: applied without reading it back.
            return apply(event.provider(), event.eventId(), Mono.just(new StoredEvent(event, 0))).thenReturn(true);
        });
    }

    /**
     * Applies a stored event if it is still unprocessed; never fails: a failure is recorded on the event,
     * which is tried again later.
     */
    public Mono<Void> apply(String provider, String eventId) {
        return apply(provider, eventId, payments.unprocessed(provider, eventId));
    }

    private Mono<Void> apply(String provider, String eventId, Mono<StoredEvent> unprocessed) {
        return unprocessed
                .flatMap(stored -> paymentOf(stored.event())
                        .switchIfEmpty(Mono.defer(() -> unknownPayment(stored)))
                        .flatMap(paymentId -> confirmed(stored.event())
                                .flatMap(event -> applyLocked(stored, event, paymentId).as(tx::transactional))))
                .onErrorResume(Exception.class, e -> {
                    log.warn("Payment event {}/{} not applied, retried later: {}", provider, eventId, e.toString());
                    return payments.failed(provider, eventId, e.toString(), maxBackoffSeconds)
                            .onErrorResume(Exception.class, again -> Mono.empty());
                })
                .then();
    }

    /** Events that concern no payment (OTHER) need none: they are recorded as ignored at once. */
    private Mono<UUID> unknownPayment(StoredEvent stored) {
        if (stored.event().type() == PaymentEvent.Type.OTHER) {
            return payments.processed(stored.event().provider(), stored.event().eventId(), null, "ignored").then(Mono.empty());
        }
        String reason = "payment_unknown: no payment for " + stored.event().providerReference() + " / "
                + stored.event().paymentReference();
        if (stored.attempts() + 1 >= unknownPaymentAttempts) {
            // Not a race with the payment's insert any more: set it aside for a person, instead of trying forever.
            log.error("Payment event {}/{} set aside as a dead letter after {} tries: {}", stored.event().provider(),
                    stored.event().eventId(), stored.attempts() + 1, reason);
            metrics.applied(stored.event().provider(), "dead_letter");
            return payments.deadLetter(stored.event().provider(), stored.event().eventId(), reason).then(Mono.empty());
        }
        return Mono.error(new IllegalStateException(reason + " yet"));
    }

    /** Our payment of the event: by the provider's reference, else by ours from the provider's metadata. */
    private Mono<UUID> paymentOf(PaymentEvent event) {
        Mono<UUID> byProvider = event.providerReference() == null ? Mono.empty()
                : payments.idByProviderReference(event.provider(), event.providerReference());
        UUID ours = Ids.parseOrNull(event.paymentReference());
        Mono<UUID> byOurs = ours == null ? Mono.empty()
                : payments.find(ours).filter(p -> p.provider().equals(event.provider())).map(PaymentRow::id);
        return byProvider.switchIfEmpty(byOurs);
    }

    /**
     * What the provider's API says about a value-granting event (Paystack) and about a refund (every provider
     * with a refund lookup: a refund event is applied as the refund's state now, so late or reordered events
     * cannot move it back); other events as they are.
     */
    private Mono<PaymentEvent> confirmed(PaymentEvent event) {
        if (event.type() != PaymentEvent.Type.PAYMENT_SUCCEEDED && event.type() != PaymentEvent.Type.REFUND_SUCCEEDED
                && event.type() != PaymentEvent.Type.REFUND_FAILED) {
            return Mono.just(event);
        }
        return gateways.named(event.provider()).confirm(event);
    }

    /** The refunds' state machine, for {@link PaymentService} to apply what its own refund calls were answered. */
    RefundEvents refunds() {
        return rules.refunds();
    }

    private Mono<Void> applyLocked(StoredEvent stored, PaymentEvent event, UUID paymentId) {
        return payments.lockUnprocessed(event.provider(), event.eventId())
                .flatMap(locked -> payments.lock(paymentId)
                        .flatMap(payment -> rules.apply(payment, event, stored.attempts()))
                        .flatMap(outcome -> {
                            metrics.applied(event.provider(), outcome);
                            return payments.processed(event.provider(), event.eventId(), paymentId, outcome);
                        }));
    }
}
