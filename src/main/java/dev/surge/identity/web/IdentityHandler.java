package dev.surge.identity.web;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.domain.AccountService;
import dev.surge.identity.domain.SignedIn;
import dev.surge.identity.web.IdentityRequests.ChangePasswordRequest;
import dev.surge.identity.web.IdentityRequests.DisableTwoFactorRequest;
import dev.surge.identity.web.IdentityRequests.EnableTwoFactorRequest;
import dev.surge.identity.web.IdentityRequests.TwoFactorLoginRequest;
import dev.surge.identity.web.IdentityRequests.Client;
import dev.surge.identity.web.IdentityRequests.ForgotPasswordRequest;
import dev.surge.identity.web.IdentityRequests.LoginRequest;
import dev.surge.identity.web.IdentityRequests.RefreshRequest;
import dev.surge.identity.web.IdentityRequests.RegisterRequest;
import dev.surge.identity.web.IdentityRequests.ResetPasswordRequest;
import dev.surge.identity.web.IdentityRequests.UpdateAccountRequest;
import dev.surge.identity.web.IdentityRequests.VerifyEmailRequest;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.ratelimit.ClientIp;
import dev.surge.platform.ratelimit.RateLimitProperties;
import dev.surge.platform.ratelimit.RateLimiter;
import dev.surge.platform.security.Principals;
import dev.surge.platform.web.RequestBodies;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Parses auth requests, delegates to {@link AccountService}, and puts refresh tokens where the client asked. */
@Component
class IdentityHandler {

    private final AccountService accounts;
    private final RequestBodies bodies;
    private final IdentityProperties.RefreshCookie cookie;
    private final RateLimiter limits;
    private final ClientIp clientIp;

    IdentityHandler(AccountService accounts, RequestBodies bodies, IdentityProperties properties, RateLimiter limits,
            ClientIp clientIp) {
        this.accounts = accounts;
        this.bodies = bodies;
        this.cookie = properties.refreshCookie();
        this.limits = limits;
        this.clientIp = clientIp;
    }

    /** Password and code checks behind an access token are limited per account, like sign-in. */
    private Mono<Void> accountLimit(Principals caller) {
        return limits.consume(RateLimitProperties.AUTH_ACCOUNT, "user:" + caller.userId());
    }

    /** Per-address limit of the unauthenticated auth endpoints (and per account where one is named). */
    private Mono<Void> limit(ServerRequest request, String account) {
        Mono<Void> byAddress = limits.consume(RateLimitProperties.AUTH_IP, clientIp.limitKey(request));
        return account == null ? byAddress
                : byAddress.then(limits.consume(RateLimitProperties.AUTH_ACCOUNT, AccountService.normalize(account)));
    }

    Mono<ServerResponse> register(ServerRequest request) {
        return limits.consume(RateLimitProperties.AUTH_REGISTER_IP, clientIp.limitKey(request))
                .then(bodies.read(request, RegisterRequest.class))
                .flatMap(body -> accounts.register(body.email(), body.password(), body.displayName(), origin(request)))
                .flatMap(account -> ServerResponse.status(HttpStatus.CREATED).bodyValue(account));
    }

    Mono<ServerResponse> login(ServerRequest request) {
        return bodies.read(request, LoginRequest.class)
                .flatMap(body -> limit(request, body.email()).thenReturn(body))
                .flatMap(body -> accounts.login(body.email(), body.password(), origin(request))
                        .flatMap(result -> result instanceof SignedIn signedIn ? tokens(signedIn, body.client())
                                : ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(result)));
    }

    Mono<ServerResponse> loginSecondStep(ServerRequest request) {
        return limit(request, null).then(bodies.read(request, TwoFactorLoginRequest.class))
                .flatMap(body -> accounts.completeTwoFactorLogin(body.challenge(), body.code(), body.recoveryCode(),
                                origin(request))
                        .flatMap(signedIn -> tokens(signedIn, body.client())));
    }

    Mono<ServerResponse> setupTwoFactor(ServerRequest request) {
        return Principals.current().flatMap(accounts::setupTwoFactor)
                .flatMap(setup -> ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").bodyValue(setup));
    }

    Mono<ServerResponse> enableTwoFactor(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, EnableTwoFactorRequest.class)
                        .flatMap(body -> accountLimit(caller)
                                .then(accounts.enableTwoFactor(caller, body.password(), body.code(), origin(request)))))
                .flatMap(codes -> ServerResponse.ok().header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .bodyValue(Map.of("recoveryCodes", codes)));
    }

    Mono<ServerResponse> disableTwoFactor(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, DisableTwoFactorRequest.class)
                        .flatMap(body -> accountLimit(caller)
                                .then(accounts.disableTwoFactor(caller, body.password(), body.code(), origin(request)))))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> refresh(ServerRequest request) {
        return limit(request, null).then(request.bodyToMono(RefreshRequest.class))
                .map(bodies::validated)
                .defaultIfEmpty(new RefreshRequest(null, Client.browser))
                .flatMap(body -> {
                    HttpCookie fromCookie = request.cookies().getFirst(cookie.name());
                    String token = body.refreshToken() != null ? body.refreshToken()
                            : fromCookie != null ? fromCookie.getValue() : null;
                    Client client = body.client() != null ? body.client()
                            : body.refreshToken() != null ? Client.app : Client.browser;
                    if (token == null || token.isBlank() || token.length() > 100) {
                        return Mono.error(new dev.surge.platform.errors.UnauthenticatedException("invalid_refresh_token",
                                "Sign in again"));
                    }
                    return accounts.refresh(token, origin(request)).flatMap(signedIn -> tokens(signedIn, client));
                });
    }

    Mono<ServerResponse> logout(ServerRequest request) {
        return Principals.current().flatMap(caller -> accounts.logout(caller, origin(request)))
                .then(ServerResponse.noContent().cookie(expiredCookie()).build());
    }

    Mono<ServerResponse> logoutEverywhere(ServerRequest request) {
        return Principals.current().flatMap(caller -> accounts.logoutEverywhere(caller, origin(request)))
                .then(ServerResponse.noContent().cookie(expiredCookie()).build());
    }

    Mono<ServerResponse> me(ServerRequest request) {
        return Principals.current().flatMap(accounts::me).flatMap(account -> ServerResponse.ok().bodyValue(account));
    }

    Mono<ServerResponse> updateMe(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, UpdateAccountRequest.class)
                        .flatMap(body -> accounts.rename(caller, body.displayName())))
                .flatMap(account -> ServerResponse.ok().bodyValue(account));
    }

    Mono<ServerResponse> changePassword(ServerRequest request) {
        return Principals.current()
                .flatMap(caller -> bodies.read(request, ChangePasswordRequest.class)
                        .flatMap(body -> accountLimit(caller).then(accounts.changePassword(caller, body.currentPassword(),
                                body.newPassword(), origin(request)))))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> forgotPassword(ServerRequest request) {
        return bodies.read(request, ForgotPasswordRequest.class)
                .flatMap(body -> limit(request, body.email()).thenReturn(body))
                .flatMap(body -> accounts.forgotPassword(body.email(), origin(request)))
                .then(ServerResponse.accepted().build());
    }

    Mono<ServerResponse> resetPassword(ServerRequest request) {
        return limit(request, null).then(bodies.read(request, ResetPasswordRequest.class))
                .flatMap(body -> accounts.resetPassword(body.token(), body.newPassword(), origin(request)))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> verifyEmail(ServerRequest request) {
        return limit(request, null).then(bodies.read(request, VerifyEmailRequest.class))
                .flatMap(body -> accounts.verifyEmail(body.token(), origin(request)))
                .then(ServerResponse.noContent().build());
    }

    Mono<ServerResponse> resendVerification(ServerRequest request) {
        return Principals.current().flatMap(accounts::resendVerification)
                .then(ServerResponse.accepted().build());
    }

    Mono<ServerResponse> sessions(ServerRequest request) {
        return Principals.current().flatMap(accounts::sessions)
                .flatMap(sessions -> ServerResponse.ok().bodyValue(Map.of("items", sessions)));
    }

    Mono<ServerResponse> revokeSession(ServerRequest request) {
        UUID sessionId = Ids.parseOrNull(request.pathVariable("sessionId"));
        if (sessionId == null) {
            return Mono.error(new NotFoundException("session_not_found", "There is no such session"));
        }
        return Principals.current().flatMap(caller -> accounts.revokeSession(caller, sessionId, origin(request)))
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

    Origin origin(ServerRequest request) {
        return Origin.of(clientIp.of(request), request.headers().firstHeader(HttpHeaders.USER_AGENT));
    }
}
