package dev.surge.identity.domain;

/** The password was right and 2FA is on: send {@code challenge} with a code to {@code /login/2fa} within {@code expiresIn} s. */
public record TwoFactorRequired(boolean twoFactorRequired, String challenge, long expiresIn) implements LoginResult {
}
