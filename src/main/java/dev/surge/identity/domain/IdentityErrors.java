package dev.surge.identity.domain;

import dev.surge.platform.errors.ConflictException;
import dev.surge.platform.errors.FieldViolation;
import dev.surge.platform.errors.InvalidInputException;
import dev.surge.platform.errors.NotFoundException;
import dev.surge.platform.errors.TooManyRequestsException;
import dev.surge.platform.errors.UnauthenticatedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;

/** What identity's use cases can run into, one place, so codes stay stable. */
public final class IdentityErrors {

    public static final String INVALID_CREDENTIALS = "invalid_credentials";
    public static final String INVALID_REFRESH_TOKEN = "invalid_refresh_token";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String ACCOUNT_DISABLED = "account_disabled";
    public static final String ACCOUNT_LOCKED = "account_locked";
    public static final String INVALID_CHALLENGE = "invalid_challenge";
    public static final String INVALID_CODE = "invalid_code";
    public static final String TWO_FACTOR_ON = "two_factor_on";
    public static final String TWO_FACTOR_OFF = "two_factor_off";
    public static final String TWO_FACTOR_NOT_SET_UP = "two_factor_not_set_up";
    public static final String EMAIL_TAKEN = "email_taken";
    public static final String SLUG_TAKEN = "slug_taken";
    public static final String INVALID_TOKEN = "invalid_token";
    public static final String SESSION_NOT_FOUND = "session_not_found";
    public static final String USER_NOT_FOUND = "user_not_found";
    public static final String MERCHANT_NOT_FOUND = "merchant_not_found";
    public static final String VALIDATION_FAILED = "validation_failed";
    public static final String EXPORT_NOT_FOUND = "export_not_found";
    public static final String NOT_ERASABLE = "account_not_erasable";

    private IdentityErrors() {
    }

    /** Same answer for an unknown email and a wrong password: no account enumeration through sign-in. */
    public static final class InvalidCredentials extends UnauthenticatedException {
        public InvalidCredentials() {
            super(INVALID_CREDENTIALS, "The email or password is wrong");
        }
    }

    public static final class InvalidRefreshToken extends UnauthenticatedException {
        public InvalidRefreshToken() {
            super(INVALID_REFRESH_TOKEN, "Sign in again");
        }
    }

    /** A token whose account no longer exists: answered like a missing token. */
    public static final class AccountGone extends UnauthenticatedException {
        public AccountGone() {
            super(UNAUTHORIZED, "A valid access token is required");
        }
    }

    public static final class AccountDisabled extends UnauthenticatedException {
        public AccountDisabled() {
            super(ACCOUNT_DISABLED, "This account is disabled");
        }
    }

    public static final class AccountLocked extends TooManyRequestsException {
        public AccountLocked(Instant lockedUntil) {
            super(ACCOUNT_LOCKED, "Too many failed sign-ins; try again later or reset the password",
                    Duration.between(Instant.now(), lockedUntil));
        }
    }

    public static final class InvalidChallenge extends UnauthenticatedException {
        public InvalidChallenge() {
            super(INVALID_CHALLENGE, "The sign-in step expired or was used up; sign in again");
        }
    }

    public static final class InvalidCode extends UnauthenticatedException {
        public InvalidCode() {
            super(INVALID_CODE, "The code is wrong, expired or already used");
        }
    }

    public static final class TwoFactorAlreadyOn extends ConflictException {
        public TwoFactorAlreadyOn() {
            super(TWO_FACTOR_ON, "Two-factor authentication is already on");
        }
    }

    public static final class TwoFactorOff extends ConflictException {
        public TwoFactorOff() {
            super(TWO_FACTOR_OFF, "Two-factor authentication is not on");
        }
    }

    public static final class TwoFactorNotSetUp extends ConflictException {
        public TwoFactorNotSetUp() {
            super(TWO_FACTOR_NOT_SET_UP, "Start with POST /api/v1/auth/2fa/setup");
        }
    }

    public static final class EmailTaken extends ConflictException {
        public EmailTaken() {
            super(EMAIL_TAKEN, "An account with this email already exists");
        }
    }

    public static final class SlugTaken extends ConflictException {
        public SlugTaken() {
            super(SLUG_TAKEN, "A merchant with this slug exists");
        }
    }

    public static final class InvalidToken extends InvalidInputException {
        public InvalidToken() {
            super(INVALID_TOKEN, "This link is invalid, used or expired");
        }
    }

    public static final class SessionNotFound extends NotFoundException {
        public SessionNotFound() {
            super(SESSION_NOT_FOUND, "There is no such session");
        }
    }

    public static final class UserNotFound extends NotFoundException {
        public UserNotFound() {
            super(USER_NOT_FOUND, "There is no such account");
        }
    }

    public static final class MerchantNotFound extends NotFoundException {
        public MerchantNotFound() {
            super(MERCHANT_NOT_FOUND, "There is no such merchant");
        }
    }

    /** A rule of account administration broken by one field of the request. */
    public static final class InvalidField extends InvalidInputException {
        public InvalidField(String field, String message) {
            super(VALIDATION_FAILED, "The request is invalid", List.of(new FieldViolation(field, "invalid", message)));
        }
    }

    /** A password the policy refuses, named by the field it came in. */
    public static final class WeakPassword extends InvalidInputException {
        public WeakPassword(String field, String problem) {
            super(VALIDATION_FAILED, "The password is not acceptable",
                    List.of(new FieldViolation(field, "weak_password", problem)));
        }
    }

    /**
     * An administration step the caller's role does not allow. Spring Security's kind, not a platform one:
     * the platform maps it to 403 {@code forbidden} like every other access refusal.
     */
    public static final class NotAllowed extends AccessDeniedException {
        public NotAllowed(String message) {
            super(message);
        }
    }

    /** A download token that is unknown, used, expired, or of another account's export: one answer for all. */
    public static final class ExportNotFound extends NotFoundException {
        public ExportNotFound() {
            super(EXPORT_NOT_FOUND, "There is no such export, or its link was used or has expired");
        }
    }

    /** Only customer accounts are erased; staff and sellers are disabled, their actions stay accountable. */
    public static final class NotErasable extends ConflictException {
        public NotErasable() {
            super(NOT_ERASABLE, "Only customer accounts can be erased; staff and seller accounts are disabled instead");
        }
    }
}
