package dev.surge.platform.events;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.ServiceUnavailableException;
import java.time.Duration;

/** Errors of the dead-letter back office. */
final class DeadLetterErrors {

    private DeadLetterErrors() {
    }

    static final class DeadLetterNotFound extends NotFoundException {
        DeadLetterNotFound() {
            super("dead_letter_not_found", "No such dead letter");
        }
    }

    /** Replayed or discarded already: a second replay would send the event again, so it is refused. */
    static final class DeadLetterNotPending extends ConflictException {
        DeadLetterNotPending(DeadLetterStatus status) {
            super("dead_letter_not_pending", "This dead letter is " + status + " already");
        }
    }

    /** No event id or type (it was dead-lettered for lacking them): nothing a handler could apply. */
    static final class DeadLetterNotReplayable extends ConflictException {
        DeadLetterNotReplayable() {
            super("dead_letter_not_replayable", "This message has no event id or type; discard it instead");
        }
    }

    /** Its handler does not run in this deployment (renamed or removed): a replay would reach nobody. */
    static final class DeadLetterHandlerUnknown extends ConflictException {
        DeadLetterHandlerUnknown(String handler) {
            super("dead_letter_handler_unknown", "No handler named " + handler + " runs here; discard it instead");
        }
    }

    static final class BrokerUnavailable extends ServiceUnavailableException {
        BrokerUnavailable(String reason) {
            super("event_broker_unavailable", "The event broker did not take the replay: " + reason,
                    Duration.ofSeconds(10));
        }
    }

    static final class InvalidCursor extends InvalidInputException {
        InvalidCursor() {
            super("invalid_cursor", "The cursor is not one this server issued");
        }
    }
}
