package dev.surge.identity.web;

import dev.surge.identity.domain.TwoFactorEnrolment;
import dev.surge.identity.web.IdentityRequests.DisableTwoFactorRequest;
import dev.surge.identity.web.IdentityRequests.EnableTwoFactorRequest;
import dev.surge.platform.security.Principals;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Switching two-factor authentication on and off; secrets and recovery codes are never cached. */
@Component
class TwoFactorHandler {

    private final TwoFactorEnrolment enrolment;
    private final AuthRequests requests;

    TwoFactorHandler(TwoFactorEnrolment enrolment, AuthRequests requests) {
        this.enrolment = enrolment;
        this.requests = requests;
    }

    Mono<ServerResponse> setupTwoFactor(ServerRequest request) {
        return Principals.current().flatMap(enrolment::setup)
                .flatMap(setup -> ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(setup));
    }

    Mono<ServerResponse> enableTwoFactor(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, EnableTwoFactorRequest.class)
                        .flatMap(body -> requests.limitAccount(caller)
                                .then(enrolment.enable(caller, body.password(), body.code(), requests.origin(request)))))
                .flatMap(codes -> ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .bodyValue(Map.of("recoveryCodes", codes)));
    }

    Mono<ServerResponse> disableTwoFactor(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, DisableTwoFactorRequest.class)
                        .flatMap(body -> requests.limitAccount(caller)
                                .then(enrolment.disable(caller, body.password(), body.code(), requests.origin(request)))))
                .then(ServerResponse.noContent().build());
    }
}
