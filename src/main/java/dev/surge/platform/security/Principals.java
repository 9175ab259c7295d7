package dev.surge.platform.security;

import java.util.List;
import java.util.UUID;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/** The authenticated caller, read from the validated access token. */
public record Principals(UUID userId, UUID sessionId, String role, UUID merchantId) {

    public static final String ROLE = "role";
    public static final String MERCHANT = "mid";
    public static final String SESSION = "sid";

    /** The caller, or an error that becomes 401 when there is none. */
    public static Mono<Principals> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(auth -> of(((JwtAuthenticationToken) auth).getToken()))
                .switchIfEmpty(Mono.error(() -> new org.springframework.security.authentication
                        .AuthenticationCredentialsNotFoundException("No bearer token")));
    }

    static Principals of(Jwt jwt) {
        String merchant = jwt.getClaimAsString(MERCHANT);
        return new Principals(UUID.fromString(jwt.getSubject()), UUID.fromString(jwt.getClaimAsString(SESSION)),
                jwt.getClaimAsString(ROLE), merchant == null ? null : UUID.fromString(merchant));
    }

    public boolean hasAnyRole(String... roles) {
        return List.of(roles).contains(role);
    }
}
