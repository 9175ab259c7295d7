package dev.surge.identity.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The outcome of signing in or refreshing: a short-lived access token (Bearer), a single-use refresh token
 * (rotated on every refresh) and the account.
 * {@code refreshToken} is left out when it travels in the HttpOnly cookie instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignedIn(String accessToken, String tokenType, long expiresIn, String refreshToken,
        Instant refreshTokenExpiresAt, Account account) implements LoginResult {
}
