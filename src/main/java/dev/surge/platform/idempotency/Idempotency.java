package dev.surge.platform.idempotency;

import dev.surge.platform.persistence.Ids;
import dev.surge.platform.reactive.RunToEnd;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.DataBuffers;
import dev.surge.platform.web.ProblemResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} for routes whose repetition would do harm (checkout, payments), after the IETF
 * httpapi draft and Stripe's practice: a client that sends the same key again (a retry after a timeout or a lost
 * connection) gets the first request's answer instead of a second execution.
 *
 * <p>A route opts in with a filter from this bean and says who the caller is (the <em>scope</em>: keys of
 * different callers never meet):
 * <pre>{@code
 * route().path("/api/v1/orders", b -> b
 *     .POST("", idempotency.required(Idempotency.callerOr(guestScope)).apply(h::checkout)))
 * // or, for every unsafe route of a builder: .filter(idempotency.required(Idempotency.caller()))
 * }</pre>
 * GET, HEAD, OPTIONS and TRACE pass through untouched, so a builder-wide filter does not bother reads.
 *
 * <p>Per request, with the key, the scope and a fingerprint of the request (SHA-256 of method, path and query,
 * and body): the first request wins the key with one atomic {@code INSERT ... ON CONFLICT} and runs the
 * handler; meanwhile the same key answers 409 {@code idempotency_request_in_flight} with {@code Retry-After};
 * afterwards it answers the stored status, headers and body with {@code Idempotent-Replayed: true}; a different
 * request under the same key is 422 {@code idempotency_key_reused}. Which answers are kept: {@link #keeps}; the
 * others give the key back so a retry runs again. Once the handler started, it runs to its end even if the
 * client goes away, so the retry finds its answer. A key held longer than {@code lock-timeout} (a crashed
 * instance) is taken over by the next retry, which runs the handler again: routes whose effect must happen at
 * most once guard their own writes as well (checkout: the order carries the caller's key under a unique
 * constraint). Keys are kept for {@code retention}.
 */
@Component
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** The {@code Retry-After} of a 409 in flight: protected requests usually finish well within a second. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);
    /** 4xx answers about the request itself (its target, body or query): a retry of it gets the same. */
    private static final Set<Integer> KEPT_CLIENT_ERRORS = Set.of(400, 404, 410, 422);
    /** Claim attempts when the row changes under us (released, expired, lock passed) before we answer 409. */
    private static final int MAX_CLAIMS = 3;
    /** The request attribute of {@link #firstUse}. */
    private static final String FIRST_USE = Idempotency.class.getName() + ".firstUse";

    private final IdempotencyStore store;
    private final ProblemResponses problems;
    private final ResponseCapture capture;
    private final Map<String, Counter> outcomes = new LinkedHashMap<>();

    Idempotency(IdempotencyStore store, ProblemResponses problems, ServerCodecConfigurer codecs, MeterRegistry meters) {
        this.store = store;
        this.problems = problems;
        this.capture = new ResponseCapture(codecs.getWriters());
        for (String outcome : List.of("kept", "released", "replayed", "in_flight", "key_reused")) {
            outcomes.put(outcome, Counter.builder("surge.idempotency.requests").tag("outcome", outcome)
                    .description("Requests with an Idempotency-Key, by what became of them").register(meters));
        }
        IdempotencyKeys.sha256(); // loads the digest provider at start-up, not on an event loop
    }

    /**
     * Requests must carry an {@code Idempotency-Key} (400 {@code idempotency_key_missing} without one).
     *
     * @param scope who is calling, e.g. {@link #caller()} or {@link #callerOr}; it may fail (a 401) and must
     *              not be empty
     */
    public HandlerFilterFunction<ServerResponse, ServerResponse> required(Function<ServerRequest, Mono<String>> scope) {
        return (request, next) -> filter(request, next, scope, true);
    }

    /** As {@link #required}, but a request without the header simply runs, unprotected. */
    public HandlerFilterFunction<ServerResponse, ServerResponse> optional(Function<ServerRequest, Mono<String>> scope) {
        return (request, next) -> filter(request, next, scope, false);
    }

    /** The signed-in caller, {@code user:<id>}; anonymous callers get 401. */
    public static Function<ServerRequest, Mono<String>> caller() {
        return request -> Principals.current().map(principal -> "user:" + principal.userId());
    }

    /**
     * The signed-in caller, {@code user:<id>}, or for anonymous callers {@code guest:<SHA-256 of what
     * anonymousScope gives>}, e.g. of the guest's cart token (hashed, so no secret is stored, and never equal
     * to a user scope). When it gives null the request is answered 401, as for {@link #caller()}.
     */
    public static Function<ServerRequest, Mono<String>> callerOr(Function<ServerRequest, String> anonymousScope) {
        return request -> Principals.current().map(principal -> "user:" + principal.userId())
                .onErrorResume(AuthenticationCredentialsNotFoundException.class, anonymous -> {
                    String guest = anonymousScope.apply(request);
                    return guest == null ? Mono.error(anonymous) : Mono.just("guest:" + Base64.getUrlEncoder()
                            .withoutPadding().encodeToString(IdempotencyKeys.sha256()
                                    .digest(guest.getBytes(StandardCharsets.UTF_8))));
                });
    }

    /** Describes the header on a route's OpenAPI operation. */
    public static void describe(org.springdoc.core.fn.builders.operation.Builder operation, boolean required) {
        operation.parameter(org.springdoc.core.fn.builders.parameter.Builder.parameterBuilder()
                .name(HEADER).in(ParameterIn.HEADER).required(required).implementation(String.class)
                .description("1-255 printable ASCII characters, unique per request (a UUID). Retrying with the "
                        + "same key answers the first request's stored answer (Idempotent-Replayed: true); 409 "
                        + "idempotency_request_in_flight while it runs, 422 idempotency_key_reused for another "
                        + "request under the same key, 400 idempotency_key_missing / idempotency_key_invalid"));
    }

    /**
     * Whether this request made the key's record (no earlier request under it is remembered): a handler may skip
     * looking for an earlier effect, not rely on there being none (a key given back or forgotten is new again).
     */
    public static boolean firstUse(ServerRequest request) {
        return Boolean.TRUE.equals(request.attributes().get(FIRST_USE));
    }

    /** Whether an answer of this status is kept for replays; any other gives the key back. */
    static boolean keeps(int status) {
        return (status >= 200 && status < 300) || KEPT_CLIENT_ERRORS.contains(status);
    }

    private Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next,
            Function<ServerRequest, Mono<String>> scopes, boolean required) {
        if (SAFE.contains(request.method())) {
            return next.handle(request);
        }
        List<String> header = request.headers().header(HEADER);
        if (header.isEmpty()) {
            return required ? Mono.error(new IdempotencyErrors.KeyMissing()) : next.handle(request);
        }
        return Mono.defer(() -> {
            String key = IdempotencyKeys.parse(header);
            return scopes.apply(request)
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("The route's scope function gave no scope")))
                    .map(IdempotentRequests::checkedScope)
                    .flatMap(scope -> DataBuffers.body(request).flatMap(body -> {
                        byte[] fingerprint = IdempotencyKeys.fingerprint(request.method(), IdempotentRequests.target(request), body);
                        // The handler reads the bytes fingerprinted, as often as it likes.
                        ServerRequest replayable = ServerRequest.from(request)
                                .body(body.length == 0 ? Flux.empty()
                                        : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))))
                                .build();
                        return attempt(new IdempotencyStore.Call(scope, key, fingerprint), replayable, next, 1);
                    }));
        });
    }

    private Mono<ServerResponse> attempt(IdempotencyStore.Call call, ServerRequest request,
            HandlerFunction<ServerResponse> next, int round) {
        UUID claim = Ids.newId();
        return store.claim(call, claim)
                .flatMap(fresh -> {
                    if (fresh) {
                        request.attributes().put(FIRST_USE, Boolean.TRUE);
                    } else {
                        log.info("Idempotency-Key of {} claimed again (it had expired, or its lock had passed)",
                                call.scope());
                    }
                    return execute(call, claim, request, next);
                })
                .switchIfEmpty(Mono.defer(() -> store.find(call)
                        .flatMap(existing -> answer(call, existing, request))
                        // gone or claimable meanwhile: claim again
                        .switchIfEmpty(Mono.defer(() -> round < MAX_CLAIMS ? attempt(call, request, next, round + 1)
                                : inFlight(request)))));
    }

    /** A later request under a known key: 422, the replay, 409, or empty when the key may be claimed now. */
    private Mono<ServerResponse> answer(IdempotencyStore.Call call, IdempotencyStore.Existing existing,
            ServerRequest request) {
        if (!Arrays.equals(existing.fingerprint(), call.fingerprint())) {
            outcomes.get("key_reused").increment();
            return Mono.error(new IdempotencyErrors.KeyReused());
        }
        if (existing.completed()) {
            outcomes.get("replayed").increment();
            return existing.response().replay();
        }
        return existing.stale() ? Mono.empty() : inFlight(request);
    }

    private Mono<ServerResponse> inFlight(ServerRequest request) {
        outcomes.get("in_flight").increment();
        ProblemResponses.Rendered problem = problems.render(request.exchange(), new IdempotencyErrors.RequestInFlight());
        return ServerResponse.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .bodyValue(problem.body());
    }

    /**
     * Runs the handler under the claimed key, keeps or releases the key by the answer, and answers exactly the
     * bytes kept. Detached from the client: cancelled half-way, the key would stay in flight until its lock
     * passed although the work may be done.
     */
    private Mono<ServerResponse> execute(IdempotencyStore.Call call, UUID claim, ServerRequest request,
            HandlerFunction<ServerResponse> next) {
        Mono<ServerResponse> work = Mono.defer(() -> next.handle(request))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("The handler gave no response")))
                .flatMap(response -> capture.capture(request, response))
                .onErrorResume(error -> {
                    ProblemResponses.Rendered problem = problems.render(request.exchange(), error);
                    return keeps(problem.status().value()) ? Mono.just(problemAnswer(problem)) : Mono.error(error);
                })
                .onErrorResume(error -> release(call, claim).then(Mono.error(error)))
                .flatMap(answer -> keeps(answer.status()) ? keep(call, claim, answer) : release(call, claim)
                        .thenReturn(answer))
                .flatMap(Idempotency::firstAnswer);
        return RunToEnd.of(work);
    }

    private static ResponseCapture.Captured problemAnswer(ProblemResponses.Rendered problem) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        return new ResponseCapture.Captured(problem.status().value(), headers, new LinkedMultiValueMap<>(),
                problem.body());
    }

    private Mono<ResponseCapture.Captured> keep(IdempotencyStore.Call call, UUID claim, ResponseCapture.Captured answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : StoredResponse.REPLAYED_HEADERS) {
            String value = answer.headers().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        outcomes.get("kept").increment();
        return store.complete(call, claim, new StoredResponse(answer.status(), headers, answer.body()))
                .doOnNext(kept -> {
                    if (!kept) {
                        log.warn("Answer under an Idempotency-Key of {} not kept: another attempt took the key over",
                                call.scope());
                    }
                })
                .onErrorResume(e -> {
                    // The work is done; the client still gets its answer. A retry sees 409 until the lock
                    // passes, then runs again (routes guard their own effects against that).
                    log.warn("Could not keep the answer under an Idempotency-Key of {}: {}", call.scope(), e.toString());
                    return Mono.empty();
                })
                .thenReturn(answer);
    }

    private Mono<Void> release(IdempotencyStore.Call call, UUID claim) {
        outcomes.get("released").increment();
        return store.release(call, claim)
                .onErrorResume(e -> {
                    log.warn("Could not release an Idempotency-Key of {}; a retry may run after the lock passes: {}",
                            call.scope(), e.toString());
                    return Mono.empty();
                })
                .then();
    }

    private static Mono<ServerResponse> firstAnswer(ResponseCapture.Captured answer) {
        ServerResponse.BodyBuilder response = ServerResponse.status(HttpStatusCode.valueOf(answer.status()))
                .headers(headers -> {
                    headers.addAll(answer.headers());
                    headers.remove(HttpHeaders.CONTENT_LENGTH);
                    headers.remove(HttpHeaders.TRANSFER_ENCODING);
                })
                .cookies(cookies -> cookies.addAll(answer.cookies()));
        return answer.body().length == 0 ? response.build() : response.bodyValue(answer.body());
    }
}
