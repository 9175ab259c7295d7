package dev.surge.payments;

import dev.surge.platform.errors.ServiceUnavailableException;
import java.time.Duration;

/**
 * A payment provider could not be reached or kept failing: its circuit breaker is open, the call timed
 * out, or it answered 5xx until retries ran out. Answered 503 with {@code Retry-After}. The provider may
 * or may not have acted on a call that timed out; only calls that are safe to repeat (reads, creates
 * under an {@code Idempotency-Key}) are ever repeated, so the caller retries the same request later.
 */
public class PaymentProviderUnavailable extends ServiceUnavailableException {

    private final String provider;

    public PaymentProviderUnavailable(String provider, Duration retryAfter, Throwable cause) {
        super("payment_provider_unavailable",
                "The payment provider " + provider + " is not answering; try again shortly", retryAfter, cause);
        this.provider = provider;
    }

    public String provider() {
        return provider;
    }
}
