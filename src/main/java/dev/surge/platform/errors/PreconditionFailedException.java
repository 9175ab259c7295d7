package dev.surge.platform.errors;

/**
 * A conditional write ({@code If-Match}) whose condition no longer holds: someone changed the resource
 * since the caller read it. Answered 412; the caller re-reads and retries.
 */
public class PreconditionFailedException extends SurgeException {

    public PreconditionFailedException(String code, String message) {
        super(code, message);
    }
}
