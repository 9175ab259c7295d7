package dev.surge.identity.web;

import static dev.surge.platform.web.ApiDocs.created;
import static dev.surge.platform.web.ApiDocs.jsonBody;
import static dev.surge.platform.web.ApiDocs.ok;
import static dev.surge.platform.web.ApiDocs.path;
import static dev.surge.platform.web.ApiDocs.problem;
import static dev.surge.platform.web.ApiDocs.query;
import static dev.surge.platform.web.ApiDocs.status;

import dev.surge.identity.domain.Account;
import dev.surge.identity.domain.SignedIn;
import dev.surge.identity.domain.TwoFactorSetup;
import dev.surge.identity.web.IdentityRequests.ChangePasswordRequest;
import dev.surge.identity.web.IdentityRequests.DisableTwoFactorRequest;
import dev.surge.identity.web.IdentityRequests.EnableTwoFactorRequest;
import dev.surge.identity.web.IdentityRequests.ForgotPasswordRequest;
import dev.surge.identity.web.IdentityRequests.LoginRequest;
import dev.surge.identity.web.IdentityRequests.RefreshRequest;
import dev.surge.identity.web.IdentityRequests.RegisterRequest;
import dev.surge.identity.web.IdentityRequests.ResetPasswordRequest;
import dev.surge.identity.web.IdentityRequests.TwoFactorLoginRequest;
import dev.surge.identity.web.IdentityRequests.UpdateAccountRequest;
import dev.surge.identity.web.IdentityRequests.VerifyEmailRequest;
import org.springdoc.core.fn.builders.operation.Builder;

/** The OpenAPI description of identity's routes, one method per route of {@link IdentityRouter}. */
final class IdentityApiDocs {

    private static final String TAG = "Auth";
    private static final String ADMIN_TAG = "Admin";

    private IdentityApiDocs() {
    }

    static void register(Builder ops) {
        ops.operationId("register").tag(TAG)
                .summary("Create a customer account; sends an email verification link")
                .requestBody(jsonBody(RegisterRequest.class,
                        "{\"email\": \"ada@example.com\", \"password\": \"correct horse battery staple\", "
                        + "\"displayName\": \"Ada Lovelace\"}"))
                .response(created(Account.class, "The account"))
                .response(problem(400, "Invalid body or weak password (validation_failed)"))
                .response(problem(409, "Email already registered (email_taken)"));
    }

    static void login(Builder ops) {
        ops.operationId("login").tag(TAG)
                .summary("Sign in; client=browser puts the refresh token in an HttpOnly cookie only")
                .requestBody(jsonBody(LoginRequest.class,
                        "{\"email\": \"customer@surge.local\", \"password\": \"demo password\"}"))
                .response(ok(SignedIn.class, "Tokens and account, or {twoFactorRequired, challenge, expiresIn}"))
                .response(problem(401, "Wrong email or password (invalid_credentials)"))
                .response(problem(429, "Account locked after failed sign-ins (account_locked)"));
    }

    static void loginSecondStep(Builder ops) {
        ops.operationId("loginSecondStep").tag(TAG)
                .summary("Second sign-in step: the challenge with a TOTP code or a recovery code")
                .requestBody(jsonBody(TwoFactorLoginRequest.class))
                .response(ok(SignedIn.class, "Tokens and account"))
                .response(problem(401, "Expired challenge (invalid_challenge) or wrong code (invalid_code)"))
                .response(problem(429, "Account locked (account_locked)"));
    }

    static void setupTwoFactor(Builder ops) {
        ops.operationId("setupTwoFactor").tag(TAG)
                .summary("Start 2FA enrolment: a TOTP secret and otpauth URI")
                .response(ok(TwoFactorSetup.class, "Secret to put in an authenticator app"))
                .response(problem(409, "2FA already on (two_factor_on)"));
    }

    static void enableTwoFactor(Builder ops) {
        ops.operationId("enableTwoFactor").tag(TAG)
                .summary("Confirm a code from the new secret; answers ten one-time recovery codes")
                .requestBody(jsonBody(EnableTwoFactorRequest.class))
                .response(status(200, "{recoveryCodes: [...]}, shown once"))
                .response(problem(401, "Wrong code (invalid_code)"))
                .response(problem(409, "Not set up, or already on"));
    }

    static void disableTwoFactor(Builder ops) {
        ops.operationId("disableTwoFactor").tag(TAG)
                .summary("Turn 2FA off with the password and a code (TOTP or recovery)")
                .requestBody(jsonBody(DisableTwoFactorRequest.class))
                .response(status(204, "Off"))
                .response(problem(401, "Wrong password or code"))
                .response(problem(409, "2FA is not on (two_factor_off)"));
    }

    static void refresh(Builder ops) {
        ops.operationId("refresh").tag(TAG)
                .summary("Trade a refresh token (body or cookie) for new tokens; each works once")
                .requestBody(jsonBody(RefreshRequest.class))
                .response(ok(SignedIn.class, "New tokens"))
                .response(problem(401, "Unknown, used, revoked or expired refresh token (invalid_refresh_token)"));
    }

    static void logout(Builder ops) {
        ops.operationId("logout").tag(TAG)
                .summary("End this session")
                .response(status(204, "Signed out")).response(problem(401, "No valid access token"));
    }

    static void logoutEverywhere(Builder ops) {
        ops.operationId("logoutEverywhere").tag(TAG)
                .summary("End every session of the account")
                .response(status(204, "Signed out everywhere")).response(problem(401, "No valid access token"));
    }

    static void me(Builder ops) {
        ops.operationId("getAccount").tag(TAG)
                .summary("The signed-in account")
                .response(ok(Account.class, "The account")).response(problem(401, "No valid access token"));
    }

    static void updateMe(Builder ops) {
        ops.operationId("updateAccount").tag(TAG)
                .summary("Change the display name")
                .requestBody(jsonBody(UpdateAccountRequest.class))
                .response(ok(Account.class, "The account")).response(problem(400, "Invalid body"));
    }

    static void changePassword(Builder ops) {
        ops.operationId("changePassword").tag(TAG)
                .summary("Change the password; ends every other session")
                .requestBody(jsonBody(ChangePasswordRequest.class))
                .response(status(204, "Changed"))
                .response(problem(400, "Weak new password"))
                .response(problem(401, "Wrong current password (invalid_credentials)"));
    }

    static void forgotPassword(Builder ops) {
        ops.operationId("forgotPassword").tag(TAG)
                .summary("Email a reset link if the account exists (same answer either way)")
                .requestBody(jsonBody(ForgotPasswordRequest.class))
                .response(status(202, "Accepted"))
                .response(problem(400, "No valid email (validation_failed, malformed_json)"))
                .response(problem(429, "Too many attempts from this address or for this account (rate_limited), "
                        + "with Retry-After"));
    }

    static void resetPassword(Builder ops) {
        ops.operationId("resetPassword").tag(TAG)
                .summary("Set a new password with the emailed token; ends every session")
                .requestBody(jsonBody(ResetPasswordRequest.class))
                .response(status(204, "Reset"))
                .response(problem(400, "Invalid, used or expired token (invalid_token), or weak password"));
    }

    static void verifyEmail(Builder ops) {
        ops.operationId("verifyEmail").tag(TAG)
                .summary("Confirm the email address with the emailed token")
                .requestBody(jsonBody(VerifyEmailRequest.class))
                .response(status(204, "Verified"))
                .response(problem(400, "Invalid, used or expired token (invalid_token)"));
    }

    static void resendVerification(Builder ops) {
        ops.operationId("resendVerification")
                .tag(TAG).summary("Send a new verification link")
                .response(status(202, "Accepted")).response(problem(401, "No valid access token"));
    }

    static void sessions(Builder ops) {
        ops.operationId("listSessions").tag(TAG)
                .summary("Signed-in devices of the account")
                .response(status(200, "{items: [session]}")).response(problem(401, "No valid access token"));
    }

    static void revokeSession(Builder ops) {
        ops.operationId("revokeSession")
                .tag(TAG).summary("End one session of the account")
                .parameter(path("sessionId", "Session id"))
                .response(status(204, "Ended"))
                .response(problem(404, "Not a live session of this account (session_not_found)"));
    }

    static void createMerchant(Builder ops) {
        ops.operationId("createMerchant").tag(ADMIN_TAG)
                .summary("Create a merchant (tenant); admins only")
                .requestBody(jsonBody(AdminRequests.CreateMerchantRequest.class))
                .response(status(201, "The merchant"))
                .response(problem(409, "Slug taken (slug_taken)"));
    }

    static void createAccount(Builder ops) {
        ops.operationId("createAccount").tag(ADMIN_TAG)
                .summary("Create a seller or staff account; the owner sets a password from the emailed link")
                .requestBody(jsonBody(AdminRequests.CreateAccountRequest.class,
                        "{\"email\": \"packer@example.com\", \"displayName\": \"Pat Packer\", "
                        + "\"role\": \"FULFILMENT\"}"))
                .response(status(201, "The account"))
                .response(problem(403, "Only a super admin creates admins"))
                .response(problem(404, "Unknown merchant"))
                .response(problem(409, "Email taken"));
    }

    static void users(Builder ops) {
        ops.operationId("listAccounts").tag(ADMIN_TAG)
                .summary("Search accounts, newest first, cursor-paged")
                .parameter(query("q", String.class, "Start of the email or part of the name"))
                .parameter(query("role", String.class, "CUSTOMER, SELLER, FULFILMENT, FINANCE, ADMIN, SUPER_ADMIN"))
                .parameter(query("status", String.class, "ACTIVE or DISABLED"))
                .parameter(query("merchant", String.class, "Merchant id"))
                .parameter(query("limit", Integer.class, "1-200, default 50"))
                .parameter(query("cursor", String.class, "nextCursor of the previous page"))
                .response(status(200, "{items, nextCursor}"))
                .response(problem(400, "Unknown role or status, a malformed merchant id, limit or cursor "
                        + "(validation_failed)"))
                .response(problem(401, "Not signed in"))
                .response(problem(403, "Not an administrator (forbidden)"));
    }

    static void updateAccount(Builder ops) {
        ops.operationId("updateAccount").tag(ADMIN_TAG)
                .summary("Change an account's role or status (lock/unlock); ends its sessions")
                .parameter(path("userId", "Account id"))
                .requestBody(jsonBody(AdminRequests.UpdateAccountRequest.class))
                .response(status(200, "The account"))
                .response(problem(403, "Only a super admin changes admins; nobody changes themselves"))
                .response(problem(404, "Unknown account or merchant"));
    }

    static void team(Builder ops) {
        ops.operationId("merchantTeam").tag(ADMIN_TAG)
                .summary("A merchant's accounts: sellers see their own merchant only")
                .parameter(path("merchantId", "Merchant id"))
                .response(status(200, "{items}"))
                .response(problem(404, "Unknown merchant, or another merchant's"));
    }
}
