package dev.surge.identity.domain;

import dev.surge.identity.NewDeviceSignedIn;
import dev.surge.identity.config.IdentityProperties;
import dev.surge.identity.data.AccountQueries.UserRow;
import dev.surge.identity.data.SessionQueries;
import dev.surge.platform.audit.AuditTrail.Origin;
import dev.surge.platform.events.Outbox;
import dev.surge.platform.persistence.Ids;
import dev.surge.platform.security.AccessTokens;
import dev.surge.platform.security.RevokedSessions;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starting and ending sessions. A session is a row with single-use refresh tokens; ending one stops its
 * access tokens at once (Redis) and its refresh tokens with the revoked row (database). Runs in the
 * caller's transaction.
 */
@Component
class SessionTokens {

    private static final int MAX_DEVICE_LENGTH = 256;

    private final SessionQueries sessions;
    private final SecretTokens secrets;
    private final AccessTokens accessTokens;
    private final RevokedSessions revokedSessions;
    private final Outbox outbox;
    private final IdentityProperties properties;

    SessionTokens(SessionQueries sessions, SecretTokens secrets, AccessTokens accessTokens,
            RevokedSessions revokedSessions, Outbox outbox, IdentityProperties properties) {
        this.sessions = sessions;
        this.secrets = secrets;
        this.accessTokens = accessTokens;
        this.revokedSessions = revokedSessions;
        this.outbox = outbox;
        this.properties = properties;
    }

    /** A new session with its first tokens; a device the account has not used before is announced. */
    Mono<SignedIn> start(UserRow user, Origin origin) {
        UUID sessionId = Ids.newId();
        String device = device(origin);
        Instant expiresAt = Instant.now().plus(properties.sessionTtl());
        return sessions.insertSession(sessionId, user.id(), device, origin.ipAddress(), expiresAt)
                .then(sessions.knownDevice(user.id(), device, sessionId))
                .flatMap(known -> known ? Mono.<Void>empty() : outbox.append(new NewDeviceSignedIn(user.id(), user.email(),
                        user.displayName(), device, origin.ipAddress(), Instant.now())))
                .then(Mono.defer(() -> issue(user, sessionId, expiresAt)));
    }

    /** A new access token and a new refresh token of the session; the refresh token lives as long as the session. */
    Mono<SignedIn> issue(UserRow user, UUID sessionId, Instant sessionExpiresAt) {
        String refreshToken = secrets.newToken();
        return sessions.insertRefreshToken(SecretTokens.hash(refreshToken), sessionId, sessionExpiresAt)
                .then(accessTokens.issue(user.id(), sessionId, user.role(), user.merchantId(), user.email()))
                .map(access -> new SignedIn(access.value(), "Bearer", access.expiresInSeconds(), refreshToken,
                        sessionExpiresAt, Account.of(user)));
    }

    /** Stops the access tokens of these sessions at once; their refresh tokens die with the revoked session rows. */
    Mono<Void> end(Flux<UUID> sessionIds) {
        return sessionIds.concatMap(id -> revokedSessions.revoke(id.toString())).then();
    }

    /** Revokes and ends every live session of the account except {@code keep} (null: all of them). */
    Mono<Void> endAll(UUID userId, UUID keep, String reason) {
        return end(sessions.revokeSessions(userId, keep, reason));
    }

    private static String device(Origin origin) {
        String agent = origin.userAgent() == null ? "" : origin.userAgent();
        return agent.length() > MAX_DEVICE_LENGTH ? agent.substring(0, MAX_DEVICE_LENGTH) : agent;
    }
}
