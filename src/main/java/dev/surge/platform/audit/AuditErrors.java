package dev.surge.platform.audit;

import dev.surge.platform.errors.InvalidInputException;

/** Errors of reading the audit log. */
final class AuditErrors {

    private AuditErrors() {
    }

    /** A cursor that is signed but whose keys are not an audit position (a cursor of an older format). */
    static final class InvalidCursor extends InvalidInputException {
        InvalidCursor() {
            super("invalid_cursor", "The cursor is not one this server issued");
        }
    }
}
