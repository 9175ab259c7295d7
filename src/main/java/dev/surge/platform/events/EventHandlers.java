package dev.surge.platform.events;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Builds an {@link EventHandler} from its parts, for a reaction that is one piece of work (send an email,
 * drop a cache entry). Declare the result as a bean: {@code EventConsumers} runs it like any other handler,
 * so delivery is the same (consumer group {@code surge.<name>}, {@code name} as the idempotency key, retries
 * with backoff, the dead-letter topic, the {@code surge.events.consumed} counter); only the wiring is shorter.
 */
public final class EventHandlers {

    private EventHandlers() {
    }

    /** A handler's work: one event, with where it came from. */
    @FunctionalInterface
    public interface Work<E> {

        Mono<Void> handle(E event, EventMetadata metadata);
    }

    /**
     * A handler's work for events that arrived together, in their order, each with its metadata at the same index
     * ({@link EventHandler#handleAll}).
     */
    @FunctionalInterface
    public interface BatchWork<E> {

        Mono<Void> handleAll(List<E> events, List<EventMetadata> metadata);
    }

    /**
     * @param name      stable name: the consumer group and the idempotency key (renaming replays the topic)
     * @param topic     the topic the event is published on
     * @param eventType the event's payload type; its simple name selects the messages
     */
    public static <E> EventHandler<E> of(String name, String topic, Class<E> eventType, Work<? super E> work) {
        return of(name, topic, eventType, event -> true, work);
    }

    /**
     * The same, for a handler that has nothing to do for some events of its type, as the event alone tells
     * ({@link EventHandler#wants}): those are settled without a transaction.
     */
    public static <E> EventHandler<E> of(String name, String topic, Class<E> eventType, Predicate<? super E> wants,
            Work<? super E> work) {
        return new Simple<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(topic, "topic"),
                Objects.requireNonNull(eventType, "eventType"), Objects.requireNonNull(wants, "wants"),
                Objects.requireNonNull(work, "work"), null);
    }

    /**
     * The same, for a handler whose work for events that arrived together is less than the sum of each one's
     * ({@code all}: one statement for the batch); {@code work} still applies a single event, as on a retry.
     */
    public static <E> EventHandler<E> of(String name, String topic, Class<E> eventType, Work<? super E> work,
            BatchWork<E> all) {
        return new Simple<>(Objects.requireNonNull(name, "name"), Objects.requireNonNull(topic, "topic"),
                Objects.requireNonNull(eventType, "eventType"), event -> true, Objects.requireNonNull(work, "work"),
                Objects.requireNonNull(all, "all"));
    }

    private record Simple<E>(String name, String topic, Class<E> eventType, Predicate<? super E> filter,
            Work<? super E> work, BatchWork<E> all) implements EventHandler<E> {

        @Override
        public Mono<Void> handleAll(List<E> events, List<EventMetadata> metadata) {
            return all != null ? all.handleAll(events, metadata) : EventHandler.super.handleAll(events, metadata);
        }

        @Override
        public boolean wants(E event) {
            return filter.test(event);
        }

        @Override
        public Mono<Void> handle(E event, EventMetadata metadata) {
            return work.handle(event, metadata);
        }

        @Override
        public String toString() {
            return "EventHandler[" + name + " on " + topic + ": " + eventType.getSimpleName() + "]";
        }
    }
}
