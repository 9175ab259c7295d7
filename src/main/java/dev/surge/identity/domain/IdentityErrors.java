package dev.surge.identity.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.TooManyRequestsException;
import dev.surge.platform.errors.UnauthenticatedException;
import java.time.Duration;

/** Identity's typed errors, one place, so codes stay stable. */
final class IdentityErrors {

    private IdentityErrors() {
    }

    /** Same answer for an unknown email and a wrong password: no account enumeration through sign-in. */
    static UnauthenticatedException invalidCredentials() {
        return new UnauthenticatedException("invalid_credentials", "The email or password is wrong");
    }

    static UnauthenticatedException invalidRefreshToken() {
        return new UnauthenticatedException("invalid_refresh_token", "Sign in again");
    }

    static UnauthenticatedException accountGone() {
        return new UnauthenticatedException("unauthorized", "A valid access token is required");
    }

    static UnauthenticatedException accountDisabled() {
        return new UnauthenticatedException("account_disabled", "This account is disabled");
    }

    static TooManyRequestsException accountLocked(Duration remaining) {
        return new TooManyRequestsException("account_locked",
                "Too many failed sign-ins; try again later or reset the password", remaining);
    }

    static UnauthenticatedException invalidChallenge() {
        return new UnauthenticatedException("invalid_challenge", "The sign-in step expired or was used up; sign in again");
    }

    static UnauthenticatedException invalidCode() {
        return new UnauthenticatedException("invalid_code", "The code is wrong, expired or already used");
    }

    static ConflictException twoFactorAlreadyOn() {
        return new ConflictException("two_factor_on", "Two-factor authentication is already on");
    }

    static ConflictException emailTaken() {
        return new ConflictException("email_taken", "An account with this email already exists");
    }

    static InvalidInputException invalidToken() {
        return new InvalidInputException("invalid_token", "This link is invalid, used or expired");
    }

    static NotFoundException sessionNotFound() {
        return new NotFoundException("session_not_found", "There is no such session");
    }
}
