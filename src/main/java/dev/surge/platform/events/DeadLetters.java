package dev.surge.platform.events;

import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The back office's view of dead letters: messages a handler gave up on, recorded by {@code DeadLetterRecorder}.
 * Staff list them, replay them to the handler that failed ({@link DeadLetterReplays}) or discard them; both
 * settle a pending row for good and are audited ({@code events.dead_letter.replayed},
 * {@code events.dead_letter.discarded}, subject: the dead letter's id).
 */
@Component
public class DeadLetters {

    static final String DISCARDED = "events.dead_letter.discarded";

    private final DeadLetterRows rows;
    private final Cursors cursors;
    private final DeadLetterReplays replays;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    DeadLetters(DeadLetterRows rows, Cursors cursors, DeadLetterReplays replays, AuditTrail audit,
            TransactionalOperator tx) {
        this.rows = rows;
        this.cursors = cursors;
        this.replays = replays;
        this.audit = audit;
        this.tx = tx;
    }

    /** One page of dead letters matching {@code query}, newest first; {@code cursor} is the previous page's. */
    public Mono<Page<DeadLetter>> page(DeadLetterQuery query, int limit, String cursor) {
        return Mono.defer(() -> rows.page(query, cursor == null ? null : before(cursors.decode(cursor, query.scope())),
                        limit + 1).collectList())
                .map(found -> {
                    if (found.size() <= limit) {
                        return new Page<>(found, null);
                    }
                    List<DeadLetter> items = List.copyOf(found.subList(0, limit));
                    return new Page<>(items, cursors.encode(query.scope(), List.of(items.get(limit - 1).id().toString())));
                });
    }

    /** Sends a pending dead letter back to its handler; 409 if it is not pending (a second replay changes nothing). */
    public Mono<DeadLetter> replay(UUID id, UUID actor, Origin origin) {
        return replays.one(id, actor, origin);
    }

    /** Sends every pending dead letter matching the topic and handler of {@code query} back; emits how many. */
    public Mono<Long> replayAll(DeadLetterQuery query, UUID actor, Origin origin) {
        return replays.all(query, actor, origin);
    }

    /** Gives up on a pending dead letter: it stays listed as {@code discarded} and is never delivered again. */
    public Mono<DeadLetter> discard(UUID id, UUID actor, Origin origin) {
        return rows.lock(id)
                .switchIfEmpty(Mono.error(DeadLetterErrors.DeadLetterNotFound::new))
                .flatMap(stored -> stored.letter().status() != DeadLetterStatus.PENDING
                        ? Mono.error(new DeadLetterErrors.DeadLetterNotPending(stored.letter().status()))
                        : rows.resolve(List.of(id), DeadLetterStatus.DISCARDED, actor)
                                .then(audit.record(DISCARDED, actor, id, origin,
                                        DeadLetterReplays.details(stored.letter(), Map.of()))))
                .then(rows.find(id))
                .as(tx::transactional);
    }

    private static UUID before(List<String> keys) {
        UUID id = keys.size() == 1 ? Ids.parseOrNull(keys.get(0)) : null;
        if (id == null) {
            throw new DeadLetterErrors.InvalidCursor();
        }
        return id;
    }
}
