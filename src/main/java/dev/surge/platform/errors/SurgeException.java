package dev.surge.platform.errors;

/**
 * Base of the typed errors services signal. Each carries a stable machine-readable {@code code}; the
 * web layer maps the kind of error (not found, conflict, invalid input...) to an HTTP status in one
 * place, so domain code never speaks HTTP.
 */
public abstract class SurgeException extends RuntimeException {

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
}
