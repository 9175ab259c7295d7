package dev.surge.payments.gateway;

import dev.surge.payments.PaymentProviderUnavailable;
import dev.surge.payments.config.PaymentsProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * What stands between a gateway and its provider: a time limit per attempt, one circuit breaker per
 * gateway, and retries with exponential backoff and jitter for calls that are safe to repeat.
 * <p>
 * Failures are timeouts, connection errors, 5xx answers and 2xx answers that are not JSON. Only they
 * count against the breaker and only they are retried; a 4xx is the provider answering ("no", "not
 * found"), so it is neither. A call is wrapped by {@link #repeatable} only when repeating it cannot do
 * anything twice: reads, and creates that carry an idempotency key the provider honours. Everything else
 * goes through {@link #once}. Whatever still fails, or is refused by an open breaker, or answered 429 or
 * 409 ("not now", see {@link GatewayHttp#isRefusal}), leaves as {@link PaymentProviderUnavailable} with a {@code Retry-After}.
 * <p>
 * Retries wait with {@code Mono.delay} on Reactor's parallel scheduler, never by blocking a thread.
 */
public final class GatewayResilience {

    /** {@code Retry-After} of an unavailable provider whose breaker is still closed. */
    static final Duration RETRY_SOON = Duration.ofSeconds(5);

    private final String provider;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Duration attemptTimeout;
    private final Duration openDuration;

    private GatewayResilience(String provider, CircuitBreaker breaker, Retry retry, Duration attemptTimeout,
            Duration openDuration) {
        this.provider = provider;
        this.breaker = breaker;
        this.retry = retry;
        this.attemptTimeout = attemptTimeout;
        this.openDuration = openDuration;
    }

    /**
     * The breaker and retry of {@code provider}, registered as {@code payments-<provider>} in the given
     * registries (whose metrics the application exports).
     */
    public static GatewayResilience of(String provider, PaymentsProperties.Http http,
            PaymentsProperties.Resilience settings, CircuitBreakerRegistry breakers, RetryRegistry retries) {
        String name = "payments-" + provider;
        CircuitBreaker breaker = breakers.circuitBreaker(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                // Half-open on the next call after the wait, not from a timer thread of its own.
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(GatewayResilience::isFailure)
                .build());
        Retry retry = retries.retry(name, RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5,
                        settings.maxBackoff()))
                .retryOnException(GatewayResilience::isFailure)
                .build());
        // One attempt may take the connect and the response time; the Netty response timeout fires first
        // for a slow answer, this one also for a body that trickles in.
        Duration attemptTimeout = http.connectTimeout().plus(http.responseTimeout());
        return new GatewayResilience(provider, breaker, retry, attemptTimeout, settings.openDuration());
    }

    /** A call safe to repeat: a read, or a create under an idempotency key. Retried on failure. */
    public <T> Mono<T> repeatable(Mono<T> call) {
        return guarded(call).transformDeferred(RetryOperator.of(retry)).onErrorMap(this::unavailable);
    }

    /** A call that might act twice if repeated: tried once. */
    public <T> Mono<T> once(Mono<T> call) {
        return guarded(call).onErrorMap(this::unavailable);
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    private <T> Mono<T> guarded(Mono<T> call) {
        return call.timeout(attemptTimeout).transformDeferred(CircuitBreakerOperator.of(breaker));
    }

    /** Whether an error says the provider is failing (as opposed to answering with a refusal). */
    static boolean isFailure(Throwable error) {
        if (error instanceof WebClientResponseException response) {
            return response.getStatusCode().is5xxServerError();
        }
        return error instanceof WebClientRequestException || error instanceof TimeoutException
                || error instanceof IOException || error instanceof GatewayHttp.MalformedAnswer;
    }

    private static boolean isNotNow(Throwable error) {
        return error instanceof WebClientResponseException response && GatewayHttp.isNotNow(response.getStatusCode());
    }

    private Throwable unavailable(Throwable error) {
        if (error instanceof CallNotPermittedException) {
            return new PaymentProviderUnavailable(provider, openDuration, error);
        }
        if (isFailure(error) || isNotNow(error)) {
            return new PaymentProviderUnavailable(provider, RETRY_SOON, error);
        }
        return error;
    }
}
