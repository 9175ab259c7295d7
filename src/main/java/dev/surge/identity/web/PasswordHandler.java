package dev.surge.identity.web;

import dev.surge.identity.domain.AccountSettings;
import dev.surge.identity.domain.PasswordReset;
import dev.surge.identity.web.IdentityRequests.ChangePasswordRequest;
import dev.surge.identity.web.IdentityRequests.ForgotPasswordRequest;
import dev.surge.identity.web.IdentityRequests.ResetPasswordRequest;
import dev.surge.platform.security.Principals;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Changing a password while signed in, and resetting a forgotten one by email. */
@Component
class PasswordHandler {

    private final AccountSettings settings;
    private final PasswordReset reset;
    private final AuthRequests requests;

    PasswordHandler(AccountSettings settings, PasswordReset reset, AuthRequests requests) {
        this.settings = settings;
        this.reset = reset;
        this.requests = requests;
    }

    Mono<ServerResponse> changePassword(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> requests.body(request, ChangePasswordRequest.class)
                        .flatMap(body -> requests.limitAccount(caller).then(settings.changePassword(caller,
                                body.currentPassword(), body.newPassword(), requests.origin(request)))))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> forgotPassword(ServerRequest request) {
        return requests.body(request, ForgotPasswordRequest.class)
                .flatMap(body -> requests.limit(request, body.email()).thenReturn(body))
                .flatMap(body -> reset.forgotPassword(body.email(), requests.origin(request)))
                .then(ServerResponse.accepted().build());
    }

    Mono<ServerResponse> resetPassword(ServerRequest request) {
        return requests.limit(request, null).then(requests.body(request, ResetPasswordRequest.class))
                .flatMap(body -> reset.resetPassword(body.token(), body.newPassword(), requests.origin(request)))
                .then(ServerResponse.noContent().build());
    }
}
