package dev.surge.platform.ratelimit;

import dev.surge.platform.security.Principals;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * One pair of limits on a route where abuse costs money (provider calls, stock held, work done): per client
 * address, and per signed-in account wherever it calls from. Consumed before the request's own work, so
 * malformed attempts count too; over either limit: 429 {@code rate_limited} with {@code Retry-After}.
 */
@Component
public class CallerLimits {

    private final RateLimiter limits;
    private final ClientIp clientIp;

    CallerLimits(RateLimiter limits, ClientIp clientIp) {
        this.limits = limits;
        this.clientIp = clientIp;
    }

    /** Takes a token of {@code addressLimit} for the client address, then of {@code accountLimit} for a signed-in caller. */
    public Mono<Void> consume(ServerRequest request, String addressLimit, String accountLimit) {
        return limits.consume(addressLimit, clientIp.limitKey(request))
                .then(Principals.optional().flatMap(caller -> limits.consume(accountLimit, "user:" + caller.userId())));
    }
}
