package dev.surge.platform.events;

import dev.surge.platform.events.EventTransport.InboundMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs every {@link EventHandler}: one consumer group per handler, messages handled one at a time per
 * subscription and their offsets committed only after the outcome is settled (handled, skipped as a
 * duplicate, or dead-lettered). A replayed dead letter ({@link EventTransport#REPLAY_HANDLER}) is handled only
 * by the handler it names. A handler's work and the {@code processed_events} row that marks the
 * event id as applied commit together, which is what makes redelivery harmless.
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
        if (!handler.eventTypeName().equals(message.header(EventTransport.EVENT_TYPE))) {
            return message.commit();
        }
        String target = message.header(EventTransport.REPLAY_HANDLER);
        if (target != null && !target.equals(handler.name())) {
            return message.commit(); // a dead letter replayed for another handler of this topic
        }
        UUID eventId = parseId(message.header(EventTransport.EVENT_ID));
        Mono<String> outcome;
        if (eventId == null) {
            outcome = deadLetter(handler, message, new IllegalArgumentException("missing or malformed event id"));
        } else {
            outcome = Mono.fromCallable(() -> json.readValue(message.payload(), handler.eventType()))
                    .flatMap(event -> !handler.wants(event) ? Mono.just(NOT_WANTED)
                            : apply(handler, event, new EventMetadata(eventId,
                                    message.header(EventTransport.EVENT_TYPE), message.key(),
                                    message.header(EventTransport.REQUEST_ID)))
                            .retryWhen(Retry.backoff(Math.max(0, settings.maxAttempts() - 1),
                                    settings.initialBackoff()).maxBackoff(settings.maxBackoff())
                                    .filter(Exception.class::isInstance)))
                    .onErrorResume(Exception.class, e -> deadLetter(handler, message, e.getCause() != null
                            && reactor.core.Exceptions.isRetryExhausted(e) ? e.getCause() : e));
        }
        return outcome
                .doOnNext(result -> meters.counter("surge.events.consumed", "handler", handler.name(),
                        "outcome", result).increment())
                .then(message.commit());
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
            started.add(transport.receive("surge." + handler.name(), handler.topic())
                    .concatMap(message -> process(handler, message))
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
