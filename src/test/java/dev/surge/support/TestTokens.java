package dev.surge.support;

import dev.surge.platform.security.AccessTokens;
import java.util.UUID;

/**
 * Real access tokens, signed by the application's own key and checked by its resource server, for tests
 * that need many callers (a thousand buyers) without a thousand Argon2 sign-ups.
 */
public final class TestTokens {

    private final AccessTokens tokens;

    public TestTokens(AccessTokens tokens) {
        this.tokens = tokens;
    }

    public String as(UUID userId, String role) {
        return tokens.issue(userId, UUID.randomUUID(), role, null).block().value();
    }

    public String customer(UUID userId) {
        return as(userId, "CUSTOMER");
    }

    public String admin() {
        return as(UUID.randomUUID(), "ADMIN");
    }
}
