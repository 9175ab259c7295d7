package dev.surge.notifications.domain;

import dev.surge.notifications.config.NotificationsProperties;
import dev.surge.notifications.data.NotificationQueries;
import dev.surge.notifications.data.NotificationQueries.DueRow;
import dev.surge.notifications.mail.EmailSender;
import dev.surge.platform.events.BackgroundWork;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends recorded emails. Every {@code surge.notifications.delivery.interval}, on every instance, claims the rows due
 * ({@code SKIP LOCKED}, so instances share the work without sending a row twice at once), renders and sends them on
 * the mail schedulers (up to {@code sender-threads} at once), and settles each: SENT; or tried again after a backoff
 * that doubles from {@code initial-backoff} to {@code max-backoff}; or FAILED once {@code max-attempts} are spent. An
 * SMTP outage therefore delays emails and loses none. Counted in {@code surge.notifications.sent} by template and
 * outcome ({@code sent}, {@code retry}, {@code failed}).
 * <p>
 * Delivery is at least once: an email whose send succeeded but whose SENT could not be written (the database went
 * away in between, or the instance stopped within the {@code MARK_WAIT} that gathers marks) is sent again when its
 * claim ends.
 */
@Component
class NotificationDispatcher extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 1_000;
    private static final Duration MARK_WAIT = Duration.ofMillis(100);

    private final NotificationQueries queries;
    private final DueEmails emails;
    private final EmailSender sender;
    private final MeterRegistry meters;
    private final NotificationsProperties.Delivery delivery;
    private final int senders;

    NotificationDispatcher(NotificationQueries queries, DueEmails emails, EmailSender sender, MeterRegistry meters,
            NotificationsProperties properties) {
        this.queries = queries;
        this.emails = emails;
        this.sender = sender;
        this.meters = meters;
        this.delivery = properties.delivery();
        this.senders = properties.senderThreads();
    }

    @Override
    protected Disposable begin() {
        return every(delivery.interval(), delivery.interval(), this::round, log, "Sending notifications");
    }

    /**
     * Claims what is due and sends it, as many at once as there are mail threads; emits how many were settled. The
     * emails sent within {@code MARK_WAIT} of each other are marked SENT together, in one statement.
     */
    Mono<Long> round() {
        return queries.claim(delivery.batch(), delivery.claim())
                .flatMap(this::send, senders)
                .bufferTimeout(delivery.batch(), MARK_WAIT)
                .concatMap(settled -> markSent(settled.stream().flatMap(Optional::stream).toList())
                        .thenReturn((long) settled.size()))
                .reduce(0L, Long::sum);
    }

    /** The row once its email went out; empty once its failure is recorded. */
    private Mono<Optional<DueRow>> send(DueRow row) {
        return emails.email(row)
                .flatMap(sender::send)
                .then(Mono.just(Optional.of(row)))
                .onErrorResume(Exception.class, e -> failed(row, e).thenReturn(Optional.empty()));
    }

    private Mono<Void> markSent(List<DueRow> sent) {
        if (sent.isEmpty()) {
            return Mono.empty();
        }
        Mono<Void> mark = sent.size() == 1 ? queries.sent(sent.get(0).id())
                : queries.sentAll(sent.stream().map(DueRow::id).toList());
        return mark.doOnSuccess(done -> sent.forEach(row -> count(row, "sent")))
                // as an SMTP failure: tried again later (the email goes out twice, which at-least-once allows)
                .onErrorResume(Exception.class, e -> Flux.fromIterable(sent).concatMap(row -> failed(row, e)).then());
    }

    private Mono<Void> failed(DueRow row, Exception e) {
        String error = e.toString();
        error = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        if (row.attempts() >= delivery.maxAttempts()) {
            log.error("Giving up on {} email {} to {} after {} attempts: {}", row.template(), row.id(), row.recipient(),
                    row.attempts(), error);
            return queries.attemptFailed(row.id(), error, null).doOnSuccess(done -> count(row, "failed"));
        }
        Duration retryIn = backoff(row.attempts());
        log.warn("Sending {} email {} failed (attempt {} of {}), trying again in {}: {}", row.template(), row.id(),
                row.attempts(), delivery.maxAttempts(), retryIn, error);
        return queries.attemptFailed(row.id(), error, retryIn).doOnSuccess(done -> count(row, "retry"));
    }

    /** {@code initial-backoff} after the first failure, doubled after each, at most {@code max-backoff}. */
    Duration backoff(int attempts) {
        Duration wait = delivery.initialBackoff();
        for (int i = 1; i < attempts && wait.compareTo(delivery.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(delivery.maxBackoff()) > 0 ? delivery.maxBackoff() : wait;
    }

    private void count(DueRow row, String outcome) {
        meters.counter("surge.notifications.sent", "template", row.template(), "outcome", outcome).increment();
    }
}
