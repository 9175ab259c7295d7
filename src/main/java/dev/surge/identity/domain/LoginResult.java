package dev.surge.identity.domain;

/** What a correct password yields: tokens, or (with 2FA on) a challenge for the second step. */
public sealed interface LoginResult permits SignedIn, TwoFactorRequired {
}
