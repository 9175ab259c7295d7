package dev.surge.identity.domain;

import dev.surge.identity.data.SessionQueries;
import dev.surge.platform.security.RevocationLedger;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The platform's revocation checks, answered from the sessions table (every revocation writes {@code revoked_at}). */
@Component
class SessionRevocations implements RevocationLedger {

    private final SessionQueries sessions;

    SessionRevocations(SessionQueries sessions) {
        this.sessions = sessions;
    }

    @Override
    public Mono<Boolean> isRevoked(UUID sessionId) {
        return sessions.isRevoked(sessionId);
    }
}
