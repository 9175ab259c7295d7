package dev.surge.platform.idempotency;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.UnprocessableException;

/** The answers of the {@code Idempotency-Key} protocol itself; every other answer is the route's. */
final class IdempotencyErrors {

    private IdempotencyErrors() {
    }

    /** 400: the route requires a key and none was sent. */
    static final class KeyMissing extends InvalidInputException {

        KeyMissing() {
            super("idempotency_key_missing", "This request needs an Idempotency-Key header");
        }
    }

    /** 400: the key is empty, too long, not printable ASCII, or sent twice. */
    static final class KeyInvalid extends InvalidInputException {

        KeyInvalid(String message) {
            super("idempotency_key_invalid", message);
        }
    }

    /**
     * 422 (a {@link SurgeException} of no other kind): the key was already used by this caller for a different
     * request (method, path, query or body).
     */
    static final class KeyReused extends UnprocessableException {

        KeyReused() {
            super("idempotency_key_reused",
                    "This Idempotency-Key was already used for a different request; use a new key for a new request");
        }
    }

    /** 409 with {@code Retry-After}: the first request with this key is still running. */
    static final class RequestInFlight extends ConflictException {

        RequestInFlight() {
            super("idempotency_request_in_flight",
                    "A request with this Idempotency-Key is still being processed; retry shortly to get its answer");
        }
    }
}
