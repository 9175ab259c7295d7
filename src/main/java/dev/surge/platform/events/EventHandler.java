package dev.surge.platform.events;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A module's reaction to one event type. {@code EventConsumers} delivers each event to the handler at
 * most once in effect: the handler's work runs in one database transaction with the record of the event
 * id, so a redelivered event is skipped; failures are retried with backoff and then dead-lettered.
 * Handlers must not assume events arrive in order across keys.
 *
 * @param <E> the event's payload type
 */
public interface EventHandler<E> {

    /** Stable name: the consumer group and the idempotency key. Renaming a handler replays its topic. */
    String name();

    String topic();

    Class<E> eventType();

    /** The type name published with the event ({@link DomainEvent#type()}). */
    default String eventTypeName() {
        return eventType().getSimpleName();
    }

    /**
     * Whether the event is any of this handler's business, judged from the event alone (no I/O). An event it does
     * not want is settled without the work, the transaction or the {@code processed_events} row: nothing would
     * happen, so there is nothing to do once. Default: every event.
     */
    default boolean wants(E event) {
        return true;
    }

    Mono<Void> handle(E event, EventMetadata metadata);

    /**
     * Applies events that arrived together, in their order, in one transaction ({@code EventConsumers}' batches):
     * {@code metadata.get(i)} is {@code events.get(i)}'s. Default: {@link #handle} for each in turn. A handler whose
     * work for several events is less than the sum of each one's overrides it, with the same end state.
     */
    default Mono<Void> handleAll(List<E> events, List<EventMetadata> metadata) {
        return Flux.range(0, events.size()).concatMap(i -> handle(events.get(i), metadata.get(i))).then();
    }
}
