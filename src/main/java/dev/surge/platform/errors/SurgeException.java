package dev.surge.platform.errors;

/**
 * Base of the typed errors services signal. Each carries a stable machine-readable {@code code}; the
 * web layer maps the kind of error (not found, conflict, invalid input...) to an HTTP status in one
 * place, so domain code never speaks HTTP.
 */
public abstract class SurgeException extends RuntimeException {

    private final String code;

    protected SurgeException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
