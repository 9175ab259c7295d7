package dev.surge.platform.web;

import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.ServiceUnavailableException;
import dev.surge.platform.errors.SurgeException;
import dev.surge.platform.errors.TooManyRequestsException;
import io.r2dbc.spi.R2dbcTransientException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The one place where errors become HTTP: typed domain errors map by kind, framework errors (bad
 * JSON, wrong media type, unknown route, oversized body) map to their 4xx, and anything else is a bug:
 * logged with its stack trace and answered as a bare 500 that leaks nothing.
 */
@Component
@Order(-2) // before Spring Boot's default handler
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemResponses problems;

    ProblemExceptionHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (clientGone(exchange, error)) {
            // The client went away (a load test ending, a closed tab): nobody is left to answer, nothing is wrong.
            try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.CONTEXT_KEY, RequestIds.of(exchange))) {
                log.debug("{} {}: the client disconnected ({})", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error.toString());
            }
            return Mono.empty();
        }
        Problem problem = toProblem(error);
        // This handler runs outside the filter chain that put the request id in the Reactor context.
        try (MDC.MDCCloseable id = MDC.putCloseable(RequestIds.CONTEXT_KEY, RequestIds.of(exchange))) {
            if (problem.status().value() == 500) {
                log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(), error);
            } else if (problem.status().is5xxServerError()) {
                log.warn("{} {} answered {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        problem.status().value(), error.toString());
            } else {
                log.debug("{} {} answered {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        problem.status().value(), problem.code());
            }
        }
        if (problem.status().value() == 503) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        }
        if (error instanceof TooManyRequestsException limited) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, seconds(limited.retryAfter()));
        }
        if (error instanceof ServiceUnavailableException unavailable && unavailable.retryAfter() != null) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, seconds(unavailable.retryAfter()));
        }
        return problems.write(exchange, problem.status(), problem.code(), problem.detail(), problem.errors());
    }

    /**
     * The client went away: our own connection to it was closed under the answer ({@code AbortedException}), or
     * the answer had started when a disconnect-looking error came. A "connection reset" from a service we call
     * (S3, say) before anything was sent is an error of ours and is answered as one.
     */
    private static boolean clientGone(ServerWebExchange exchange, Throwable error) {
        if (!org.springframework.web.util.DisconnectedClientHelper.isClientDisconnectedException(error)) {
            return false;
        }
        if (exchange.getResponse().isCommitted()) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof reactor.netty.channel.AbortedException) {
                return true;
            }
        }
        return false;
    }

    /** Whole seconds, rounded up and at least 1: {@code Retry-After: 0} would invite an immediate retry. */
    private static String seconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }

    static Problem toProblem(Throwable error) {
        if (error instanceof SurgeException surge) {
            return fromSurge(surge);
        }
        if (error instanceof BodySizeLimitFilter.PayloadTooLargeException
                || error instanceof DataBufferLimitException
                || error.getCause() instanceof DataBufferLimitException) {
            return new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", error.getMessage());
        }
        if (error instanceof ServerWebInputException input) {
            Throwable cause = input.getMostSpecificCause();
            if (cause instanceof DataBufferLimitException) {
                return new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", cause.getMessage());
            }
            if (cause instanceof DecodingException || input.getCause() instanceof DecodingException) {
                return new Problem(HttpStatus.BAD_REQUEST, "malformed_json",
                        "The request body is not valid JSON for this endpoint");
            }
            return new Problem(HttpStatus.BAD_REQUEST, "malformed_request", input.getReason());
        }
        if (error instanceof UnsupportedMediaTypeStatusException media) {
            return new Problem(media.getStatusCode(), "unsupported_media_type", media.getReason());
        }
        if (error instanceof NotAcceptableStatusException) {
            return new Problem(HttpStatus.NOT_ACCEPTABLE, "not_acceptable",
                    "This endpoint produces application/json");
        }
        if (error instanceof MethodNotAllowedException method) {
            return new Problem(method.getStatusCode(), "method_not_allowed", method.getReason());
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            if (code.value() == 404) {
                return new Problem(code, "not_found", "No resource at this path");
            }
            return new Problem(code, codeOf(code), status.getReason());
        }
        if (dataException(error)) {
            return new Problem(HttpStatus.BAD_REQUEST, "invalid_input",
                    "The input holds characters or values that cannot be stored (e.g. a NUL byte)");
        }
        if (error instanceof java.util.concurrent.RejectedExecutionException) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "Surge is too busy to take this request now; try again shortly");
        }
        if (error instanceof TransientDataAccessException || error instanceof DataAccessResourceFailureException
                || error instanceof R2dbcTransientException || error instanceof java.util.concurrent.TimeoutException
                // no connection for a transaction (PostgreSQL down or out of connections): the same outage
                || error instanceof org.springframework.transaction.CannotCreateTransactionException
                || redisConnectionLost(error)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "service_unavailable",
                    "A service Surge depends on is not answering; try again shortly");
        }
        if (error instanceof AuthenticationException) {
            return new Problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication is required");
        }
        if (error instanceof AccessDeniedException) {
            return new Problem(HttpStatus.FORBIDDEN, "forbidden", "You may not do this");
        }
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on our side; quote the request id when reporting it");
    }

    /**
     * A Redis command whose connection broke under it (a Redis Cluster master stopped, a failover): Spring Data wraps the
     * reset in a plain {@code RedisSystemException}. Its outcome is as unknown as a timeout's, so it is answered alike.
     */
    private static boolean redisConnectionLost(Throwable error) {
        if (!(error instanceof org.springframework.data.redis.RedisSystemException)) {
            return false;
        }
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException || cause instanceof io.lettuce.core.RedisConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's class 22 (data exception): the input, not our SQL, is at fault. */
    private static boolean dataException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof io.r2dbc.spi.R2dbcException r2dbc && r2dbc.getSqlState() != null
                    && r2dbc.getSqlState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }

    /** Every kind of {@link SurgeException} has its status here; the compiler checks that none is left out. */
    private static Problem fromSurge(SurgeException e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case CONTENT_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        List<FieldViolation> violations = e instanceof InvalidInputException invalid ? invalid.violations() : List.of();
        return new Problem(status, e.code(), e.getMessage(), violations);
    }

    private static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "http_" + status.value()
                : known.name().toLowerCase(Locale.ROOT);
    }

    record Problem(HttpStatusCode status, String code, String detail, List<FieldViolation> errors) {

        Problem(HttpStatusCode status, String code, String detail) {
            this(status, code, detail, List.of());
        }
    }
}
