package dev.surge.identity.web;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.domain.IdentityErrors.InvalidRefreshToken;
import dev.surge.identity.domain.IdentityErrors.SessionNotFound;
import dev.surge.identity.domain.Sessions;
import dev.surge.identity.domain.SignIn;
import dev.surge.identity.domain.SignedIn;
import dev.surge.identity.web.IdentityRequests.Client;
import dev.surge.identity.web.IdentityRequests.LoginRequest;
import dev.surge.identity.web.IdentityRequests.RefreshRequest;
import dev.surge.identity.web.IdentityRequests.TwoFactorLoginRequest;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.Principals;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Signing in and the sessions it makes; puts refresh tokens where the client asked (body or HttpOnly cookie). */
@Component
class SignInHandler {

    /** The longest refresh token worth looking up; ours are 43 characters. */
    private static final int MAX_REFRESH_TOKEN_LENGTH = 100;

    private final SignIn signIn;
    private final Sessions sessions;
    private final AuthRequests requests;
    private final IdentityProperties.RefreshCookie cookie;

    SignInHandler(SignIn signIn, Sessions sessions, AuthRequests requests, IdentityProperties properties) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.requests = requests;
        this.cookie = properties.refreshCookie();
    }

    Mono<ServerResponse> login(ServerRequest request) {
        return requests.body(request, LoginRequest.class)
                .flatMap(body -> requests.limit(request, body.email()).thenReturn(body))
                .flatMap(body -> signIn.login(body.email(), body.password(), requests.origin(request))
                        .flatMap(result -> result instanceof SignedIn signedIn ? tokens(signedIn, body.client())
                                : ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(result)));
    }

    Mono<ServerResponse> loginSecondStep(ServerRequest request) {
        return requests.limit(request, null).then(requests.body(request, TwoFactorLoginRequest.class))
                .flatMap(body -> signIn.completeTwoFactorLogin(body.challenge(), body.code(), body.recoveryCode(),
                                requests.origin(request))
                        .flatMap(signedIn -> tokens(signedIn, body.client())));
    }

    Mono<ServerResponse> refresh(ServerRequest request) {
        return requests.limit(request, null).then(request.bodyToMono(RefreshRequest.class))
                .map(requests::validated)
                .defaultIfEmpty(new RefreshRequest(null, Client.browser))
                .flatMap(body -> {
                    HttpCookie fromCookie = request.cookies().getFirst(cookie.name());
                    String token = body.refreshToken() != null ? body.refreshToken()
                            : fromCookie != null ? fromCookie.getValue() : null;
                    Client client = body.client() != null ? body.client()
                            : body.refreshToken() != null ? Client.app : Client.browser;
                    if (token == null || token.isBlank() || token.length() > MAX_REFRESH_TOKEN_LENGTH) {
                        return Mono.error(new InvalidRefreshToken());
                    }
                    return sessions.refresh(token, requests.origin(request)).flatMap(signedIn -> tokens(signedIn, client));
                });
    }

    Mono<ServerResponse> logout(ServerRequest request) {
        return Principals.current().flatMap(caller -> sessions.logout(caller, requests.origin(request)))
                .then(ServerResponse.noContent().cookie(expiredCookie()).build());
    }

    Mono<ServerResponse> logoutEverywhere(ServerRequest request) {
        return Principals.current().flatMap(caller -> sessions.logoutEverywhere(caller, requests.origin(request)))
                .then(ServerResponse.noContent().cookie(expiredCookie()).build());
    }

    Mono<ServerResponse> sessions(ServerRequest request) {
        return Principals.current().flatMap(sessions::list)
                .flatMap(list -> ServerResponse.ok().bodyValue(Map.of("items", list)));
    }

    Mono<ServerResponse> revokeSession(ServerRequest request) {
        UUID sessionId = Ids.parseOrNull(request.pathVariable("sessionId"));
        if (sessionId == null) {
            return Mono.error(new SessionNotFound());
        }
        return Principals.current().flatMap(caller -> sessions.revoke(caller, sessionId, requests.origin(request)))
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> tokens(SignedIn signedIn, Client client) {
        ServerResponse.BodyBuilder response = ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (client == Client.browser) {
            return response.cookie(refreshCookie(signedIn.refreshToken(), signedIn.refreshTokenExpiresAt()))
                    .bodyValue(new SignedIn(signedIn.accessToken(), signedIn.tokenType(), signedIn.expiresIn(), null,
                            signedIn.refreshTokenExpiresAt(), signedIn.account()));
        }
        return response.bodyValue(signedIn);
    }

    private ResponseCookie refreshCookie(String token, Instant expiresAt) {
        return ResponseCookie.from(cookie.name(), token).httpOnly(true).secure(cookie.secure()).sameSite("Strict")
                .path(cookie.path()).maxAge(Duration.between(Instant.now(), expiresAt)).build();
    }

    private ResponseCookie expiredCookie() {
        return ResponseCookie.from(cookie.name(), "").httpOnly(true).secure(cookie.secure()).sameSite("Strict")
                .path(cookie.path()).maxAge(Duration.ZERO).build();
    }
}
