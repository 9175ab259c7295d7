package dev.surge.platform.events;

import dev.surge.platform.events.DeadLetterRows.Incoming;
import dev.surge.platform.events.EventTransport.InboundMessage;
import dev.surge.platform.persistence.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Reads every declared topic's {@code .dlt} (consumer group {@value #GROUP}, on every instance) and records each
 * message in {@code dead_letters} before committing its offset. The row is unique on the record's topic,
 * partition and offset, so a redelivery after a crash records nothing new. A failing insert (database down) is
 * retried until it succeeds: the offset stays uncommitted and no dead letter is lost.
 */
@Component
class DeadLetterRecorder extends BackgroundWork {

    static final String GROUP = "surge.dead-letters";
    static final String HANDLER = "surge-dlt-handler";
    static final String ERROR = "surge-dlt-error";
    static final String ORIGIN = "surge-dlt-origin";
    static final String AT = "surge-dlt-at";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecorder.class);
    private static final int MAX_ERROR_MESSAGE = 2000;

    private final DeadLetterRows rows;
    private final EventTransport transport;
    private final List<String> deadLetterTopics;
    private final EventsProperties properties;
    private final MeterRegistry meters;

    DeadLetterRecorder(DeadLetterRows rows, EventTransport transport, List<EventTopic> topics,
            EventsProperties properties, MeterRegistry meters) {
        this.rows = rows;
        this.transport = transport;
        this.deadLetterTopics = topics.stream().map(EventTopic::deadLetterTopic).distinct().sorted().toList();
        this.properties = properties;
        this.meters = meters;
    }

    /** Records one dead-letter record; emits whether it was new. */
    Mono<Boolean> record(InboundMessage message) {
        return Mono.fromCallable(() -> parse(message))
                .flatMap(rows::insert)
                .doOnNext(added -> {
                    if (added) {
                        meters.counter("surge.events.dead_letters.recorded", "topic", originalTopic(message)).increment();
                    }
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1))
                        .filter(Exception.class::isInstance)
                        .doBeforeRetry(s -> log.warn("Could not record dead letter {}-{}@{}, retrying: {}", message.topic(),
                                message.partition(), message.offset(), s.failure().toString())));
    }

    static Incoming parse(InboundMessage message) {
        Map<String, String> headers = message.headers();
        String error = headers.get(ERROR);
        int colon = error == null ? -1 : error.indexOf(": ");
        String errorClass = error == null ? null : clean(colon < 0 ? error : error.substring(0, colon));
        String errorMessage = colon < 0 ? null : clean(error.substring(colon + 2));
        if (errorMessage != null && errorMessage.length() > MAX_ERROR_MESSAGE) {
            errorMessage = errorMessage.substring(0, MAX_ERROR_MESSAGE);
        }
        Origin origin = Origin.parse(headers.get(ORIGIN), originalTopic(message));
        Map<String, String> kept = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null && !name.startsWith("surge-dlt-") && !name.startsWith("surge-replay-")) {
                kept.put(name, clean(value));
            }
        });
        String handler = headers.get(HANDLER);
        DeadLetter letter = new DeadLetter(null, DeadLetterStatus.PENDING, origin.topic(), origin.partition(),
                origin.offset(), message.key(), Ids.parseOrNull(headers.get(EventTransport.EVENT_ID)),
                headers.get(EventTransport.EVENT_TYPE), handler == null ? "unknown" : handler, errorClass, errorMessage,
                at(headers.get(AT)), null, null, null, Ids.parseOrNull(headers.get(EventTransport.REPLAY_OF)));
        return new Incoming(message.topic(), message.partition(), message.offset(), letter, message.payload(), kept);
    }

    /** PostgreSQL text and jsonb hold no NUL character. */
    private static String clean(String text) {
        return text.replace("\u0000", "");
    }

    private static String originalTopic(InboundMessage message) {
        String topic = message.topic();
        return topic.endsWith(".dlt") ? topic.substring(0, topic.length() - ".dlt".length()) : topic;
    }

    /** When the handler gave up; records written before {@code surge-dlt-at} existed count from now. */
    private static Instant at(String text) {
        try {
            return text == null ? Instant.now() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    /** {@code surge-dlt-origin}: {@code topic-partition@offset}, the topic possibly holding dashes itself. */
    record Origin(String topic, Integer partition, Long offset) {

        static Origin parse(String text, String fallbackTopic) {
            int at = text == null ? -1 : text.lastIndexOf('@');
            int dash = at < 0 ? -1 : text.lastIndexOf('-', at);
            if (dash <= 0) {
                return new Origin(fallbackTopic, null, null);
            }
            try {
                return new Origin(text.substring(0, dash), Integer.valueOf(text.substring(dash + 1, at)),
                        Long.valueOf(text.substring(at + 1)));
            } catch (NumberFormatException e) {
                return new Origin(fallbackTopic, null, null);
            }
        }
    }

    @Override
    protected Disposable begin() {
        if (!properties.deadLetters().enabled() || !properties.consumer().enabled() || deadLetterTopics.isEmpty()) {
            return Disposables.disposed();
        }
        return transport.receive(GROUP, deadLetterTopics)
                .concatMap(message -> record(message).then(message.commit()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                        .maxBackoff(Duration.ofSeconds(30))
                        .filter(Exception.class::isInstance)
                        .doBeforeRetry(s -> log.warn("Dead-letter recorder restarting after: {}", s.failure().toString())))
                .subscribe();
    }
}
