package dev.surge.identity.web;

import dev.surge.identity.domain.Account;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.RequestBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** What every identity handler does with a request: read its body, rate-limit it, say where it came from. */
@Component
class AuthRequests {

    private final RequestBodies bodies;
    private final RateLimiter limits;
    private final ClientIp clientIp;

    AuthRequests(RequestBodies bodies, RateLimiter limits, ClientIp clientIp) {
        this.bodies = bodies;
        this.limits = limits;
        this.clientIp = clientIp;
    }

    <T> Mono<T> body(ServerRequest request, Class<T> type) {
        return bodies.read(request, type);
    }

    <T> T validated(T body) {
        return bodies.validated(body);
    }

    /** Password and code checks behind an access token are limited per account, like sign-in. */
    Mono<Void> limitAccount(Principals caller) {
        return limits.consume(RateLimitProperties.AUTH_ACCOUNT, "user:" + caller.userId());
    }

    /** Per-address limit of the unauthenticated auth endpoints (and per account where one is named). */
    Mono<Void> limit(ServerRequest request, String account) {
        Mono<Void> byAddress = limits.consume(RateLimitProperties.AUTH_IP, clientIp.limitKey(request));
        return account == null ? byAddress
                : byAddress.then(limits.consume(RateLimitProperties.AUTH_ACCOUNT, Account.normalizeEmail(account)));
    }

    Mono<Void> limitRegistration(ServerRequest request) {
        return limits.consume(RateLimitProperties.AUTH_REGISTER_IP, clientIp.limitKey(request));
    }

    Origin origin(ServerRequest request) {
        return Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
    }
}
