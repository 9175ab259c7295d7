package dev.surge.platform.errors;

import java.time.Duration;

/**
 * Something Surge depends on outside itself (a payment provider, say) cannot serve this request now; the
 * caller should try again after {@link #retryAfter()}. Answered 503 with {@code Retry-After}. Nothing was
 * changed on our side by the failed attempt.
 */
public non-sealed class ServiceUnavailableException extends SurgeException {

    private final Duration retryAfter;

    public ServiceUnavailableException(String code, String message, Duration retryAfter) {
        this(code, message, retryAfter, null);
    }

    public ServiceUnavailableException(String code, String message, Duration retryAfter, Throwable cause) {
        super(code, message, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public final Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
