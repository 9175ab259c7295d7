package dev.surge.identity.web;

import dev.surge.identity.domain.AccountSettings;
import dev.surge.identity.domain.EmailVerification;
import dev.surge.identity.domain.Registration;
import dev.surge.identity.web.IdentityRequests.RegisterRequest;
import dev.surge.identity.web.IdentityRequests.UpdateAccountRequest;
import dev.surge.identity.web.IdentityRequests.VerifyEmailRequest;
import dev.surge.platform.security.Principals;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Registering, the signed-in account itself, and verifying its email address. */
@Component
class AccountHandler {

    private final Registration registration;
    private final AccountSettings settings;
    private final EmailVerification verification;
    private final AuthRequests requests;

    AccountHandler(Registration registration, AccountSettings settings, EmailVerification verification,
            AuthRequests requests) {
        this.registration = registration;
        this.settings = settings;
        this.verification = verification;
        this.requests = requests;
    }

    Mono<ServerResponse> register(ServerRequest request) {
        return requests.limitRegistration(request)
                .then(requests.body(request, RegisterRequest.class))
                .flatMap(body -> registration.register(body.email(), body.password(), body.displayName(),
                        requests.origin(request)))
                .flatMap(account -> ServerResponse.status(HttpStatus.CREATED).bodyValue(account));
    }

    Mono<ServerResponse> me(ServerRequest request) {
        return Principals.current().flatMap(settings::me).flatMap(account -> ServerResponse.ok().bodyValue(account));
    }

    Mono<ServerResponse> updateMe(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, UpdateAccountRequest.class)
                        .flatMap(body -> settings.rename(caller, body.displayName())))
                .flatMap(account -> ServerResponse.ok().bodyValue(account));
    }

    Mono<ServerResponse> verifyEmail(ServerRequest request) {
        return requests.limit(request, null).then(requests.body(request, VerifyEmailRequest.class))
                .flatMap(body -> verification.verify(body.token(), requests.origin(request)))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> resendVerification(ServerRequest request) {
        return Principals.current().flatMap(verification::resend)
                .then(ServerResponse.accepted().build());
    }
}
