package dev.surge.identity.domain;

import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.SessionQueries;
import dev.surge.identity.domain.IdentityErrors.AccountDisabled;
import dev.surge.identity.domain.IdentityErrors.InvalidRefreshToken;
import dev.surge.identity.domain.IdentityErrors.SessionNotFound;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.audit.AuditTrail;
import dev.surge.platform.security.Principals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The account's sessions: refreshing their tokens, listing and ending them.
 * <p>
 * Invariant: a refresh token works once; presenting a used one again means it was copied, so the whole
 * session ends (and is audited). The one exception is a second use within {@code refresh-reuse-grace} of the
 * first (two tabs of one browser refreshing together): it gets tokens of its own.
 */
@Service
public class Sessions {

    private final SessionQueries sessions;
    private final AccountQueries accounts;
    private final SessionTokens tokens;
    private final AuditTrail audit;
    private final TransactionalOperator tx;
    private final Duration reuseGrace;

    Sessions(SessionQueries sessions, AccountQueries accounts, SessionTokens tokens, AuditTrail audit,
            TransactionalOperator tx, IdentityProperties properties) {
        this.reuseGrace = properties.refreshReuseGrace();
        this.sessions = sessions;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.tx = tx;
    }

    /** Trades a refresh token for new tokens. A token used before ends its session: it was stolen or replayed. */
    public Mono<SignedIn> refresh(String refreshToken, Origin origin) {
        byte[] hash = SecretTokens.hash(refreshToken);
        return sessions.lockRefreshToken(hash)
                .switchIfEmpty(Mono.error(InvalidRefreshToken::new))
                .flatMap(token -> {
                    Instant now = Instant.now();
                    if (token.sessionRevokedAt() != null || token.sessionExpiresAt().isBefore(now)) {
                        return Mono.error(new InvalidRefreshToken());
                    }
                    boolean withinGrace = token.usedAt() != null && token.usedAt().plus(reuseGrace).isAfter(now);
                    if (token.usedAt() != null && !withinGrace) {
                        return tokens.end(Flux.just(token.sessionId()))
                                .then(sessions.revokeSession(token.userId(), token.sessionId(), "refresh_token_reuse"))
                                .then(audit.record("session.refresh_token_reused", null, token.userId(), origin,
                                        Map.of("session", token.sessionId().toString())))
                                .then(Mono.just(false));
                    }
                    return (withinGrace ? Mono.<Void>empty() : sessions.markRefreshTokenUsed(hash).then())
                            .then(sessions.touchSession(token.sessionId()))
                            .then(accounts.userById(token.userId()))
                            .filter(user -> "ACTIVE".equals(user.status()))
                            .switchIfEmpty(Mono.error(AccountDisabled::new))
                            .flatMap(user -> tokens.issue(user, token.sessionId(), token.sessionExpiresAt()));
                })
                .as(tx::transactional)
                // The reuse branch commits its revocation, then answers like any bad token.
                .flatMap(result -> result instanceof SignedIn signedIn ? Mono.just(signedIn)
                        : Mono.error(new InvalidRefreshToken()));
    }

    /** Ends the caller's session. */
    public Mono<Void> logout(Principals caller, Origin origin) {
        return sessions.revokeSession(caller.userId(), caller.sessionId(), "logout")
                .thenMany(tokens.end(Flux.just(caller.sessionId())))
                .then(audit.record("session.logout", caller.userId(), caller.userId(), origin, Map.of()))
                .as(tx::transactional);
    }

    /** Ends every session of the caller, this one included. */
    public Mono<Void> logoutEverywhere(Principals caller, Origin origin) {
        return tokens.endAll(caller.userId(), null, "logout_all")
                .then(audit.record("session.logout_all", caller.userId(), caller.userId(), origin, Map.of()))
                .as(tx::transactional);
    }

    public Mono<List<SessionView>> list(Principals caller) {
        return sessions.activeSessions(caller.userId())
                .map(s -> new SessionView(s.id(), s.device(), s.ipAddress(), s.createdAt(), s.lastSeenAt(), s.expiresAt(),
                        s.id().equals(caller.sessionId())))
                .collectList();
    }

    /** Ends one of the caller's sessions; someone else's session id is indistinguishable from an unknown one. */
    public Mono<Void> revoke(Principals caller, UUID sessionId, Origin origin) {
        return sessions.revokeSession(caller.userId(), sessionId, "revoked_by_user")
                .switchIfEmpty(Mono.error(SessionNotFound::new))
                .flatMapMany(id -> tokens.end(Flux.just(id)))
                .then(audit.record("session.revoked", caller.userId(), caller.userId(), origin,
                        Map.of("session", sessionId.toString())))
                .as(tx::transactional);
    }
}
