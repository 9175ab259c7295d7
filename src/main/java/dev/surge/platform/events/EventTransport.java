package dev.surge.platform.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The broker as the event backbone sees it. The only implementation lives in {@code events.kafka}, so
 * the Kafka client library is replaceable in one place.
 */
public interface EventTransport {

    String EVENT_ID = "surge-event-id";
    String EVENT_TYPE = "surge-event-type";
    String REQUEST_ID = "surge-request-id";
    /**
     * On a replayed dead letter: the one handler it is for. Every other handler of the topic skips it unseen
     * (they applied the event the first time; their {@code processed_events} rows would make it a no-op anyway).
     */
    String REPLAY_HANDLER = "surge-replay-handler";
    /** On a replayed dead letter: the id of the {@code dead_letters} row it replays. */
    String REPLAY_OF = "surge-replay-of";

    /**
     * Sends every message and reports, per message id, those the broker did not acknowledge (an empty
     * map: all acknowledged). A message's failure does not stop the others.
     */
    Mono<Map<UUID, SendFailure>> publish(List<OutboundMessage> messages);

    /**
     * Messages of {@code topic} for consumer group {@code group}; commit each after handling it (its offset is
     * committed with others shortly after: a message settled just before a crash may come again).
     */
    default Flux<InboundMessage> receive(String group, String topic) {
        return receive(group, List.of(topic));
    }

    /** Messages of all {@code topics} for consumer group {@code group}; commit each after handling it (see above). */
    Flux<InboundMessage> receive(String group, List<String> topics);

    /**
     * Parks a message that could not be handled on {@code <topic>.dlt}, with its headers and
     * {@code surge-dlt-handler}, {@code surge-dlt-error} ({@code class: message}), {@code surge-dlt-origin}
     * ({@code topic-partition@offset}) and {@code surge-dlt-at} (ISO-8601 instant).
     */
    Mono<Void> deadLetter(InboundMessage message, String handler, Throwable reason);

    /** Why a message was not acknowledged; {@code transient}: worth retrying as is (broker down, timeout). */
    record SendFailure(String reason, boolean transientFailure) {
    }

    record OutboundMessage(UUID id, String topic, String key, String type, byte[] payload,
            Map<String, String> headers) {
    }

    record InboundMessage(String topic, int partition, long offset, String key, byte[] payload,
            Map<String, String> headers, Mono<Void> commit) {

        public String header(String name) {
            return headers.get(name);
        }
    }
}
