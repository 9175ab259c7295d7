package dev.surge.platform.errors;

import java.time.Duration;

/** The caller went over a rate limit or is locked out for a while; {@link #retryAfter()} says how long. */
public non-sealed class TooManyRequestsException extends SurgeException {

    private final Duration retryAfter;

    public TooManyRequestsException(String code, String message, Duration retryAfter) {
        super(code, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public final Kind kind() {
        return Kind.TOO_MANY_REQUESTS;
    }
}
