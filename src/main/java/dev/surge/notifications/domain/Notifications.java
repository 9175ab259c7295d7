package dev.surge.notifications.domain;

import dev.surge.notifications.data.NotificationQueries;
import dev.surge.notifications.data.NotificationQueries.NewNotification;
import dev.surge.notifications.data.NotificationQueries.NotificationRow;
import dev.surge.platform.events.EventMetadata;
import dev.surge.platform.paging.Cursors;
import dev.surge.platform.paging.Page;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.privacy.ErasedValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of every lifecycle email: written by the event handlers (in the transaction that marks their event
 * handled, so an event records its emails exactly once, and the unique key keeps a second delivery of it from
 * recording them again), sent by {@link NotificationDispatcher}, read by admins.
 */
@Service
public class Notifications {

    private final NotificationQueries queries;
    private final Cursors cursors;
    private final JsonMapper json;

    Notifications(NotificationQueries queries, Cursors cursors, JsonMapper json) {
        this.queries = queries;
        this.cursors = cursors;
        this.json = json;
    }

    /** Which notifications a list shows; each filter optional. */
    public record Query(String status, String recipient, UUID orderId, String template) {

        String scope() {
            return "notifications:" + status + ":" + recipient + ":" + orderId + ":" + template;
        }
    }

    /**
     * Records the event's emails (those it recorded before are left as they are). None goes to an erased address:
     * an order whose buyer erased their account keeps only a stand-in ({@code ErasedValues}).
     */
    Mono<Void> record(EventMetadata event, List<Notice> notices) {
        return record(notices.stream().map(notice -> new Recording(event, notice)).toList());
    }

    /** A notice and the event that calls for it. */
    record Recording(EventMetadata event, Notice notice) {
    }

    /** {@link #record(EventMetadata, List)} for the notices of several events, in one statement. */
    Mono<Void> record(List<Recording> recordings) {
        return Mono.defer(() -> queries.record(recordings.stream()
                .filter(r -> !ErasedValues.isErasedEmail(r.notice().recipient()))
                .map(r -> new NewNotification(r.event().eventId(), r.event().type(), r.notice().template(),
                        r.notice().recipient(), r.notice().subject(), json.writeValueAsBytes(r.notice().model()),
                        r.notice().orderId(), r.notice().merchantId()))
                .toList()));
    }

    /** One page of notifications, newest first; {@code cursor} is the previous page's. */
    public Mono<Page<Notification>> page(Query query, int limit, String cursor) {
        return Mono.defer(() -> {
            List<String> keys = cursor == null ? null : cursors.decode(cursor, query.scope());
            Instant afterAt = keys == null ? null : afterAt(keys);
            UUID afterId = keys == null ? null : Ids.parseOrNull(keys.get(1));
            return queries.page(new NotificationQueries.Filter(query.status(), query.recipient(), query.orderId(),
                    query.template()), afterAt, afterId, limit + 1).map(Notifications::view).collectList();
        }).map(rows -> {
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            Notification last = rows.get(limit - 1);
            return new Page<>(List.copyOf(rows.subList(0, limit)), cursors.encode(query.scope(),
                    List.of(last.createdAt().toString(), last.id().toString())));
        });
    }

    private static Instant afterAt(List<String> keys) {
        try {
            if (keys.size() == 2 && Ids.parseOrNull(keys.get(1)) != null) {
                return Instant.parse(keys.get(0));
            }
        } catch (DateTimeParseException e) {
            // falls through to the refusal
        }
        throw new NotificationErrors.InvalidCursor();
    }

    private static Notification view(NotificationRow row) {
        return new Notification(row.id(), row.eventId(), row.eventType(), row.template(), row.recipient(),
                row.subject(), row.orderId(), row.merchantId(), row.status(), row.attempts(), row.lastError(),
                row.nextAttemptAt(), row.createdAt(), row.updatedAt(), row.sentAt());
    }
}
