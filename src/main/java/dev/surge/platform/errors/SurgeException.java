package dev.surge.platform.errors;

/**
 * Base of the typed errors services signal. Each carries a stable machine-readable {@code code} and is one
 * of a closed set of kinds (not found, conflict, invalid input...): a module's error extends the kind's
 * class, never this one. The web layer maps each {@link Kind} to an HTTP status in one exhaustive
 * {@code switch}, so domain code never speaks HTTP and a new kind cannot be left unmapped.
 */
public abstract sealed class SurgeException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidInputException, UnauthenticatedException,
        PreconditionFailedException, PreconditionRequiredException, TooManyRequestsException,
        ServiceUnavailableException, UnsupportedMediaTypeException, ContentTooLargeException,
        UnprocessableException {

    /** The kinds of error; one class of this package each. */
    public enum Kind {
        NOT_FOUND, CONFLICT, INVALID_INPUT, UNAUTHENTICATED, PRECONDITION_FAILED, PRECONDITION_REQUIRED,
        TOO_MANY_REQUESTS, UNAVAILABLE, UNSUPPORTED_MEDIA_TYPE, CONTENT_TOO_LARGE, UNPROCESSABLE
    }

    private final String code;

    protected SurgeException(String code, String message) {
        this(code, message, null);
    }

    /** With the failure underneath, for errors that stand for one (a provider that timed out, say). */
    protected SurgeException(String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public abstract Kind kind();
}
