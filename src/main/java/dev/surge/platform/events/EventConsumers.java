package dev.surge.platform.events;

import dev.surge.platform.events.EventTransport.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every {@link EventHandler}: one consumer group per handler, messages handled in their order per
 * subscription and their offsets committed only after the outcome is settled (handled, skipped as a
 * duplicate, or dead-lettered). A replayed dead letter ({@link EventTransport#REPLAY_HANDLER}) is handled only
 * by the handler it names. A handler's work and the {@code processed_events} row that marks the
 * event id as applied commit together, which is what makes redelivery harmless. Messages that arrive together
 * are applied in one transaction ({@link #processAll}; {@code surge.events.consumer.batch-size}).
 */
@Component
class EventConsumers extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    /** The outcome of an event its handler does not want ({@link EventHandler#wants}): settled, nothing run. */
    static final String NOT_WANTED = "not_wanted";

    private final List<EventHandler<?>> handlers;
    private final EventTransport transport;
    private final ProcessedEvents processed;
    private final JsonMapper json;
    private final EventsProperties.Consumer settings;
    private final MeterRegistry meters;

    EventConsumers(List<EventHandler<?>> handlers, EventTransport transport, ProcessedEvents processed,
            JsonMapper json, EventsProperties properties, MeterRegistry meters) {
        this.handlers = handlers;
        this.transport = transport;
        this.processed = processed;
        this.json = json;
        this.settings = properties.consumer();
        this.meters = meters;
    }

    /** Settles one message: applies it at most once, retrying failures, dead-lettering what keeps failing. */
    <E> Mono<Void> process(EventHandler<E> handler, InboundMessage message) {
        return settle(handler, message).then(message.commit());
    }

    /**
     * Settles messages that arrived together, then commits them in their order. The events the handler wants are
     * applied in one transaction with one claim of their {@code processed_events} rows; when that fails, each is
     * settled on its own ({@link #process}'s retries and dead letters). Any other message is settled on its own.
     */
    <E> Mono<Void> processAll(EventHandler<E> handler, List<InboundMessage> messages) {
        if (messages.size() == 1) {
            return process(handler, messages.get(0));
        }
        List<Wanted<E>> wanted = new ArrayList<>(messages.size());
        List<InboundMessage> alone = new ArrayList<>();
        for (InboundMessage message : messages) {
            Wanted<E> parsed = wanted(handler, message);
            if (parsed != null) {
                wanted.add(parsed);
            } else {
                alone.add(message);
            }
        }
        Mono<Void> together = wanted.size() < 2
                ? Flux.fromIterable(wanted).concatMap(one -> settle(handler, one.message())).then()
                : applyAll(handler, wanted);
        return together
                .thenMany(Flux.fromIterable(alone).concatMap(message -> settle(handler, message)))
                .thenMany(Flux.fromIterable(messages).concatMap(InboundMessage::commit))
                .then();
    }

    /** A message for this handler whose event it wants, parsed; null for any other (settled on its own). */
    private <E> Wanted<E> wanted(EventHandler<E> handler, InboundMessage message) {
        UUID eventId = parseId(message.header(EventTransport.EVENT_ID));
        if (!mine(handler, message) || eventId == null) {
            return null;
        }
        E event;
        try {
            event = json.readValue(message.payload(), handler.eventType());
        } catch (RuntimeException e) {
            return null;
        }
        return handler.wants(event) ? new Wanted<>(message, event, metadata(eventId, message)) : null;
    }

    private record Wanted<E>(InboundMessage message, E event, EventMetadata metadata) {
    }

    private <E> Mono<Void> applyAll(EventHandler<E> handler, List<Wanted<E>> wanted) {
        List<UUID> ids = wanted.stream().map(one -> one.metadata().eventId()).toList();
        List<String> outcomes = new ArrayList<>(wanted.size());
        return processed.applyAll(handler.name(), ids, claimed -> {
                    List<E> events = new ArrayList<>(wanted.size());
                    List<EventMetadata> metadata = new ArrayList<>(wanted.size());
                    for (Wanted<E> one : wanted) {
                        boolean first = claimed.remove(one.metadata().eventId());
                        outcomes.add(first ? ProcessedEvents.HANDLED : ProcessedEvents.DUPLICATE);
                        if (first) {
                            events.add(one.event());
                            metadata.add(one.metadata());
                        }
                    }
                    return events.isEmpty() ? Mono.empty() : handler.handleAll(events, metadata);
                })
                .doOnSuccess(done -> outcomes.forEach(outcome -> counted(handler, outcome)))
                .onErrorResume(Exception.class, e -> {
                    log.debug("Handler {} failed on a batch of {} events; settling each on its own: {}",
                            handler.name(), wanted.size(), e.toString());
                    return Flux.fromIterable(wanted).concatMap(one -> settle(handler, one.message())).then();
                });
    }

    /** {@link #process} without the commit. */
    private <E> Mono<Void> settle(EventHandler<E> handler, InboundMessage message) {
        if (!mine(handler, message)) {
            return Mono.empty();
        }
        UUID eventId = parseId(message.header(EventTransport.EVENT_ID));
        Mono<String> outcome;
        if (eventId == null) {
            outcome = deadLetter(handler, message, new IllegalArgumentException("missing or malformed event id"));
        } else {
            outcome = Mono.fromCallable(() -> json.readValue(message.payload(), handler.eventType()))
                    .flatMap(event -> !handler.wants(event) ? Mono.just(NOT_WANTED)
                            : apply(handler, event, metadata(eventId, message))
                            .retryWhen(Retry.backoff(Math.max(0, settings.maxAttempts() - 1),
                                    settings.initialBackoff()).maxBackoff(settings.maxBackoff())
                                    .filter(Exception.class::isInstance)))
                    .onErrorResume(Exception.class, e -> deadLetter(handler, message, e.getCause() != null
                            && reactor.core.Exceptions.isRetryExhausted(e) ? e.getCause() : e));
        }
        return outcome.doOnNext(result -> counted(handler, result)).then();
    }

    /** Whether the message is this handler's event type and not a dead letter replayed for another handler. */
    private static boolean mine(EventHandler<?> handler, InboundMessage message) {
        String target = message.header(EventTransport.REPLAY_HANDLER);
        return handler.eventTypeName().equals(message.header(EventTransport.EVENT_TYPE))
                && (target == null || target.equals(handler.name()));
    }

    private void counted(EventHandler<?> handler, String outcome) {
        meters.counter("surge.events.consumed", "handler", handler.name(), "outcome", outcome).increment();
    }

    private static EventMetadata metadata(UUID eventId, InboundMessage message) {
        return new EventMetadata(eventId, message.header(EventTransport.EVENT_TYPE), message.key(),
                message.header(EventTransport.REQUEST_ID));
    }

    private <E> Mono<String> apply(EventHandler<E> handler, E event, EventMetadata metadata) {
        return processed.applyOnce(handler.name(), metadata.eventId(), () -> handler.handle(event, metadata));
    }

    private Mono<String> deadLetter(EventHandler<?> handler, InboundMessage message, Throwable reason) {
        log.error("Handler {} gave up on {}-{}@{}; sending it to the dead-letter topic", handler.name(),
                message.topic(), message.partition(), message.offset(), reason);
        return transport.deadLetter(message, handler.name(), reason).thenReturn("dead_lettered");
    }

    private static UUID parseId(String text) {
        return dev.surge.platform.persistence.Ids.parseOrNull(text);
    }

    @Override
    protected Disposable begin() {
        if (!settings.enabled()) {
            return Disposables.disposed();
        }
        Disposable.Composite started = Disposables.composite();
        for (EventHandler<?> handler : handlers) {
            Flux<InboundMessage> messages = transport.receive("surge." + handler.name(), handler.topic());
            Flux<Void> settled = settings.batchSize() == 1 ? messages.concatMap(message -> process(handler, message))
                    : messages.bufferTimeout(settings.batchSize(), settings.batchWait(), true)
                            .concatMap(batch -> processAll(handler, batch));
            started.add(settled
                    .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                            .maxBackoff(Duration.ofSeconds(30))
                            .filter(Exception.class::isInstance)
                            .doBeforeRetry(s -> log.warn("Consumer {} restarting after: {}", handler.name(),
                                    s.failure().toString())))
                    .subscribe());
        }
        return started;
    }
}
