package dev.surge.identity.web;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the auth endpoints. Sizes are caps against abuse; the password policy does the rest. */
final class IdentityRequests {

    private IdentityRequests() {
    }

    /** Where the client wants its refresh token: {@code app} (default) in the body, {@code browser} in an HttpOnly cookie only. */
    enum Client { app, browser }

    record RegisterRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull @Size(max = 128) String password,
            @NotBlank @Size(max = 100) String displayName) {
    }

    record LoginRequest(@NotBlank @Email @Size(max = 254) String email, @NotNull @Size(max = 128) String password,
            Client client) {
    }

    record TwoFactorLoginRequest(@NotBlank @Size(max = 100) String challenge, @Size(max = 6) String code,
            @Size(max = 20) String recoveryCode, Client client) {
    }

    record EnableTwoFactorRequest(@NotNull @Size(max = 128) String password, @NotBlank @Size(max = 6) String code) {
    }

    record DisableTwoFactorRequest(@NotNull @Size(max = 128) String password, @NotBlank @Size(max = 20) String code) {
    }

    record RefreshRequest(@Size(max = 100) String refreshToken, Client client) {
    }

    record UpdateAccountRequest(@NotBlank @Size(max = 100) String displayName) {
    }

    record ChangePasswordRequest(@NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(max = 128) String newPassword) {
    }

    record ForgotPasswordRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record ResetPasswordRequest(@NotBlank @Size(max = 100) String token, @NotNull @Size(max = 128) String newPassword) {
    }

    record VerifyEmailRequest(@NotBlank @Size(max = 100) String token) {
    }
}
