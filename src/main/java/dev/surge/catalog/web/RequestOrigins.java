package dev.surge.catalog.web;

import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.ratelimit.ClientIp;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Where a management request came from, for the audit trail. */
@Component
class RequestOrigins {

    private final ClientIp clientIp;

    RequestOrigins(ClientIp clientIp) {
        this.clientIp = clientIp;
    }

    Origin of(ServerRequest request) {
        return Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
    }
}
