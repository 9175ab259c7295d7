package dev.surge.platform.errors;

/**
 * A conditional write ({@code If-Match}) whose condition no longer holds: someone changed the resource
 * since the caller read it. Answered 412; the caller re-reads and retries.
 */
public non-sealed class PreconditionFailedException extends SurgeException {

    @Override
    public final Kind kind() {
        return Kind.PRECONDITION_FAILED;
    }

    public PreconditionFailedException(String code, String message) {
        super(code, message);
    }
}
