package dev.surge.identity.domain;

/** A new TOTP secret to put in an authenticator app (type {@code secret} or scan {@code otpauthUri}). */
public record TwoFactorSetup(String secret, String otpauthUri) {
}
