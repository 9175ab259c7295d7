package dev.surge.platform.security;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * The authenticated caller, read from the validated access token. {@code email}: the account's address when the token
 * carries it (every token issued since it was added; an account's address does not change while it has sessions), else
 * null.
 */
public record Principals(UUID userId, UUID sessionId, String role, UUID merchantId, String email) {

    public static final String ROLE = "role";
    public static final String MERCHANT = "mid";
    public static final String SESSION = "sid";
    public static final String EMAIL = "email";

    public Principals(UUID userId, UUID sessionId, String role, UUID merchantId) {
        this(userId, sessionId, role, merchantId, null);
    }

    /** The caller, or an error that becomes 401 when there is none. */
    public static Mono<Principals> current() {
        return optional().switchIfEmpty(Mono.error(() -> new org.springframework.security.authentication
                .AuthenticationCredentialsNotFoundException("No bearer token")));
    }

    /**
     * The caller when signed in, else empty: for routes that guests may call too (a guest is not an
     * error there, and an exception per guest request would cost more than the request's own work).
     */
    public static Mono<Principals> optional() {
        // filter and map, not mapNotNull: that is handle, around which Reactor restores every thread local
        // (observation scope, trace context, MDC) on each call when context propagation is on, as ours is.
        return ReactiveSecurityContextHolder.getContext()
                .filter(context -> context.getAuthentication() instanceof JwtAuthenticationToken)
                .map(context -> of(((JwtAuthenticationToken) context.getAuthentication()).getToken()));
    }

    static Principals of(Jwt jwt) {
        String merchant = jwt.getClaimAsString(MERCHANT);
        return new Principals(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString(SESSION)),
                jwt.getClaimAsString(ROLE), merchant == null ? null : UUID.fromString(merchant),
                jwt.getClaimAsString(EMAIL));
    }

    public boolean hasAnyRole(String... roles) {
        return List.of(roles).contains(role);
    }
}
