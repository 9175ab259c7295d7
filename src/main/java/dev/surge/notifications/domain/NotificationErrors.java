package dev.surge.notifications.domain;

import dev.surge.platform.errors.InvalidInputException;

/** Errors of reading the notifications table. */
final class NotificationErrors {

    private NotificationErrors() {
    }

    /** A cursor that is signed but whose keys are not a notification position (a cursor of an older format). */
    static final class InvalidCursor extends InvalidInputException {
        InvalidCursor() {
            super("invalid_cursor", "The cursor is not one this server issued");
        }
    }
}
