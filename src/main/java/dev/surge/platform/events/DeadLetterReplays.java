package dev.surge.platform.events;

import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.events.DeadLetterRows.Stored;
import dev.surge.platform.events.EventTransport.OutboundMessage;
import dev.surge.platform.persistence.Ids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends dead letters back to their handler. A replay is the original message (same event id, key, payload and
 * headers) published again on its original topic with {@link EventTransport#REPLAY_HANDLER} naming the handler
 * that gave up: {@code EventConsumers} hands it to that handler only, through the usual path (its
 * {@code processed_events} row, retries, the dead-letter topic again if it still fails).
 * <p>
 * Exactly once in effect: the rows are locked, published, marked {@code replayed} and audited in one
 * transaction that stays open until the broker acknowledged, so a row is sent by one replay only and a second
 * replay of it is refused; if the broker refuses, nothing changes. A crash between the acknowledgement and the
 * commit leaves the row pending after it was sent; replaying it again is harmless because the handler's
 * {@code processed_events} row turns the second delivery into a no-op.
 */
@Component
class DeadLetterReplays {

    static final String REPLAYED = "events.dead_letter.replayed";

    private final DeadLetterRows rows;
    private final EventTransport transport;
    private final AuditTrail audit;
    private final TransactionalOperator tx;
    private final Set<String> handlers;
    private final int batch;

    DeadLetterReplays(DeadLetterRows rows, EventTransport transport, AuditTrail audit, TransactionalOperator tx,
            List<EventHandler<?>> handlers, EventsProperties properties) {
        this.rows = rows;
        this.transport = transport;
        this.audit = audit;
        this.tx = tx;
        this.handlers = new TreeSet<>(handlers.stream().map(EventHandler::name).toList());
        this.batch = properties.deadLetters().replayBatch();
    }

    /** Replays one pending dead letter; emits it as it is now. */
    Mono<DeadLetter> one(UUID id, UUID actor, Origin origin) {
        return rows.lock(id)
                .switchIfEmpty(Mono.error(DeadLetterErrors.DeadLetterNotFound::new))
                .flatMap(stored -> {
                    DeadLetter letter = stored.letter();
                    if (letter.status() != DeadLetterStatus.PENDING) {
                        return Mono.error(new DeadLetterErrors.DeadLetterNotPending(letter.status()));
                    }
                    if (letter.eventId() == null || letter.eventType() == null) {
                        return Mono.error(new DeadLetterErrors.DeadLetterNotReplayable());
                    }
                    if (!handlers.contains(letter.handler())) {
                        return Mono.error(new DeadLetterErrors.DeadLetterHandlerUnknown(letter.handler()));
                    }
                    return replay(List.of(stored), actor, origin, Map.of());
                })
                .then(rows.find(id))
                .as(tx::transactional);
    }

    /**
     * Replays every replayable pending dead letter matching {@code query} (its status is ignored) that was
     * recorded before the call, {@code replay-batch} per transaction; emits how many. Rows without an event id
     * or whose handler does not run here are left pending.
     */
    Mono<Long> all(DeadLetterQuery query, UUID actor, Origin origin) {
        return Mono.defer(() -> {
            UUID upTo = Ids.newId();
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("bulk", true);
            if (query.topic() != null) {
                filters.put("topicFilter", query.topic());
            }
            if (query.handler() != null) {
                filters.put("handlerFilter", query.handler());
            }
            Mono<Integer> next = rows.claimPending(query, handlers, upTo, batch).collectList()
                    .flatMap(claimed -> replay(claimed, actor, origin, filters).thenReturn(claimed.size()))
                    .as(tx::transactional);
            return next.expand(count -> count == batch ? next : Mono.empty()).reduce(0L, (sum, count) -> sum + count);
        });
    }

    private Mono<Void> replay(List<Stored> claimed, UUID actor, Origin origin, Map<String, Object> extra) {
        if (claimed.isEmpty()) {
            return Mono.empty();
        }
        List<OutboundMessage> messages = claimed.stream().map(DeadLetterReplays::message).toList();
        return transport.publish(messages)
                .flatMap(failures -> failures.isEmpty() ? Mono.<Void>empty()
                        : Mono.error(new DeadLetterErrors.BrokerUnavailable(failures.values().iterator().next().reason())))
                .then(rows.resolve(claimed.stream().map(stored -> stored.letter().id()).toList(),
                        DeadLetterStatus.REPLAYED, actor))
                .thenMany(Flux.fromIterable(claimed).concatMap(stored -> audit.record(REPLAYED, actor,
                        stored.letter().id(), origin, details(stored.letter(), extra))))
                .then();
    }

    private static OutboundMessage message(Stored stored) {
        DeadLetter letter = stored.letter();
        Map<String, String> headers = new LinkedHashMap<>(stored.headers());
        headers.put(EventTransport.REPLAY_HANDLER, letter.handler());
        headers.put(EventTransport.REPLAY_OF, letter.id().toString());
        return new OutboundMessage(letter.eventId(), letter.topic(), letter.key(), letter.eventType(),
                stored.payload() == null ? new byte[0] : stored.payload(), headers);
    }

    /** What the audit record says about the dead letter (its subject is the dead letter's id). */
    static Map<String, Object> details(DeadLetter letter, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", letter.topic());
        details.put("handler", letter.handler());
        if (letter.eventId() != null) {
            details.put("eventId", letter.eventId().toString());
        }
        if (letter.eventType() != null) {
            details.put("eventType", letter.eventType());
        }
        details.putAll(extra);
        return details;
    }
}
