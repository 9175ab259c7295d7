package dev.surge.identity;

import static dev.surge.identity.AuthClient.JSON;
import static dev.surge.identity.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** The life of an account over HTTP: register, verify, sign in, refresh, sessions, password changes. */
class AccountLifecycleIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    AuthClient auth;
    String email;

    @BeforeEach
    void setUp() {
        auth = new AuthClient(http, db);
        email = AuthClient.uniqueEmail();
    }

    @Test
    void registerVerifyAndSignIn() {
        Map<String, Object> account = auth.register(email.toUpperCase());
        assertThat(account).containsEntry("email", email).containsEntry("role", "CUSTOMER")
                .containsEntry("emailVerified", false).doesNotContainKey("passwordHash");

        String token = auth.emailedToken("EmailVerificationRequested", email);
        assertThat(token).isNotBlank();
        verify(token).expectStatus().isNoContent();
        verify(token).expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_token");

        Map<String, Object> signedIn = auth.signIn(email);
        assertThat(signedIn).containsKeys("accessToken", "refreshToken").containsEntry("tokenType", "Bearer");
        auth.me((String) signedIn.get("accessToken")).expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo(email).jsonPath("$.emailVerified").isEqualTo(true);
        assertThat(audit(account.get("id"))).contains("account.registered", "account.email_verified", "login.succeeded");
    }

    @Test
    void registrationRefusesDuplicatesWeakPasswordsAndBadBodies() {
        auth.register(email);
        register(Map.of("email", email, "password", PASSWORD, "displayName", "Twin")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("email_taken");
        register(Map.of("email", AuthClient.uniqueEmail(), "password", "password1234", "displayName", "Weak"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("weak_password");
        register(Map.of("email", AuthClient.uniqueEmail(), "password", "short", "displayName", "Weak"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
        register(Map.of("email", "not-an-email", "password", PASSWORD, "displayName", "X"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
        http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\":")
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("malformed_json");
    }

    @Test
    void wrongPasswordAndUnknownAccountLookTheSame() {
        auth.register(email);
        auth.login(email, "wrong password here").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_credentials");
        auth.login(AuthClient.uniqueEmail(), PASSWORD).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_credentials");
    }

    @Test
    void refreshRotatesAndReuseOfAnOldTokenEndsTheSession() {
        auth.register(email);
        Map<String, Object> first = auth.signIn(email);
        String oldRefresh = (String) first.get("refreshToken");

        Map<String, Object> second = auth.refresh(oldRefresh).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(JSON).returnResult().getResponseBody();
        String newAccess = (String) second.get("accessToken");
        String newRefresh = (String) second.get("refreshToken");
        assertThat(newRefresh).isNotEqualTo(oldRefresh);
        auth.me(newAccess).expectStatus().isOk();

        // The old token again, later than two tabs refreshing together would: theft. The session ends, for
        // the thief and the owner alike.
        auth.pastReuseGrace(email);
        auth.refresh(oldRefresh).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_refresh_token");
        auth.refresh(newRefresh).expectStatus().isUnauthorized();
        auth.me(newAccess).expectStatus().isUnauthorized();
        assertThat(audit(((Map<?, ?>) first.get("account")).get("id"))).contains("session.refresh_token_reused");
    }

    @Test
    void twoTabsRefreshingTheSameTokenTogetherBothGetTokensAndKeepTheSession() {
        auth.register(email);
        Map<String, Object> first = auth.signIn(email);
        String shared = (String) first.get("refreshToken");

        Map<String, Object> tabOne = auth.refresh(shared).expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody();
        Map<String, Object> tabTwo = auth.refresh(shared).expectStatus().isOk().expectBody(JSON).returnResult()
                .getResponseBody();

        assertThat(tabTwo.get("refreshToken")).isNotEqualTo(tabOne.get("refreshToken")).isNotEqualTo(shared);
        auth.me((String) tabOne.get("accessToken")).expectStatus().isOk();
        auth.me((String) tabTwo.get("accessToken")).expectStatus().isOk();
        auth.refresh((String) tabOne.get("refreshToken")).expectStatus().isOk();
        auth.refresh((String) tabTwo.get("refreshToken")).expectStatus().isOk();
        assertThat(audit(((Map<?, ?>) first.get("account")).get("id"))).doesNotContain("session.refresh_token_reused");
    }

    @Test
    void browsersGetTheRefreshTokenOnlyInAnHttpOnlyCookie() {
        auth.register(email);
        var result = http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", PASSWORD, "client", "browser")).exchange()
                .expectStatus().isOk()
                .expectCookie().httpOnly("surge_refresh", true)
                .expectCookie().secure("surge_refresh", true)
                .expectCookie().sameSite("surge_refresh", "Strict")
                .expectBody(JSON).returnResult();
        assertThat(result.getResponseBody()).doesNotContainKey("refreshToken");
        String cookie = result.getResponseCookies().getFirst("surge_refresh").getValue();

        http.post().uri("/api/v1/auth/refresh").cookie("surge_refresh", cookie).exchange()
                .expectStatus().isOk().expectCookie().exists("surge_refresh")
                .expectBody().jsonPath("$.refreshToken").doesNotExist();
    }

    @Test
    void logoutStopsTheAccessTokenAtOnce() {
        auth.register(email);
        String access = (String) auth.signIn(email).get("accessToken");
        String other = (String) auth.signIn(email).get("accessToken");

        http.post().uri("/api/v1/auth/logout").headers(h -> h.setBearerAuth(access)).exchange().expectStatus().isNoContent();
        auth.me(access).expectStatus().isUnauthorized();
        auth.me(other).expectStatus().isOk();

        http.post().uri("/api/v1/auth/logout-all").headers(h -> h.setBearerAuth(other)).exchange().expectStatus().isNoContent();
        auth.me(other).expectStatus().isUnauthorized();
    }

    @Test
    void sessionsAreListedAndOnlyOwnCanBeRevoked() {
        auth.register(email);
        String mine = (String) http.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, "Phone/1.0")
                .bodyValue(Map.of("email", email, "password", PASSWORD)).exchange()
                .expectBody(JSON).returnResult().getResponseBody().get("accessToken");
        String laptop = (String) auth.signIn(email).get("accessToken");
        List<Map<String, Object>> sessions = sessions(mine);
        assertThat(sessions).hasSize(2).anySatisfy(s -> assertThat(s).containsEntry("current", true)
                .containsEntry("device", "Phone/1.0"));
        String laptopSession = (String) sessions.stream().filter(s -> !(Boolean) s.get("current")).findFirst()
                .orElseThrow().get("id");

        String stranger = AuthClient.uniqueEmail();
        auth.register(stranger);
        String strangerAccess = (String) auth.signIn(stranger).get("accessToken");
        http.delete().uri("/api/v1/auth/sessions/" + laptopSession).headers(h -> h.setBearerAuth(strangerAccess))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("session_not_found");
        auth.me(laptop).expectStatus().isOk();

        http.delete().uri("/api/v1/auth/sessions/" + laptopSession).headers(h -> h.setBearerAuth(mine))
                .exchange().expectStatus().isNoContent();
        auth.me(laptop).expectStatus().isUnauthorized();
        http.delete().uri("/api/v1/auth/sessions/not-a-uuid").headers(h -> h.setBearerAuth(mine))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void theSixthAttemptAfterFiveWrongPasswordsIsLockedOut() {
        auth.register(email);
        for (int i = 0; i < 5; i++) {
            auth.login(email, "wrong password " + i).expectStatus().isUnauthorized();
        }
        auth.login(email, PASSWORD).expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.code").isEqualTo("account_locked");
        Object id = db.sql("SELECT id FROM users WHERE email = :e").bind("e", email).map(r -> r.get("id", UUID.class)).one().block();
        assertThat(audit(id)).contains("account.locked", "login.locked_out");
    }

    @Test
    void anExpiredLockStartsTheCountAfresh() {
        auth.register(email);
        db.sql("UPDATE users SET failed_logins = 5, locked_until = now() - interval '1 minute' WHERE email = :e")
                .bind("e", email).then().block();
        auth.login(email, "one more wrong password").expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_credentials");
        auth.login(email, PASSWORD).expectStatus().isOk();
    }

    @Test
    void aResetVoidsEveryOtherResetLink() {
        auth.register(email);
        forgot(email);
        String older = auth.emailedToken("PasswordResetRequested", email);
        forgot(email);
        String newer = auth.emailedToken("PasswordResetRequested", email);
        assertThat(newer).isNotEqualTo(older);
        reset(newer, "first reset passphrase").expectStatus().isNoContent();
        reset(older, "second reset passphrase").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
    }

    @Test
    void textTheDatabaseCannotHoldIsA400NotA500() {
        register(Map.of("email", email, "password", PASSWORD, "displayName", "Nul\u0000Byte"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_input");
        assertThat(db.sql("SELECT count(*) AS n FROM users WHERE email = :e").bind("e", email)
                .map(r -> r.get("n", Long.class)).one().block()).isZero();
    }

    private void forgot(String address) {
        http.post().uri("/api/v1/auth/password/forgot").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", address)).exchange().expectStatus().isAccepted();
    }

    @Test
    void changingThePasswordEndsOtherSessions() {
        auth.register(email);
        String current = (String) auth.signIn(email).get("accessToken");
        String other = (String) auth.signIn(email).get("accessToken");
        changePassword(current, "not my password", "a brand new passphrase").expectStatus().isUnauthorized();
        changePassword(current, PASSWORD, "123456789012").expectStatus().isBadRequest();
        changePassword(current, PASSWORD, "a brand new passphrase").expectStatus().isNoContent();

        auth.me(current).expectStatus().isOk();
        auth.me(other).expectStatus().isUnauthorized();
        auth.login(email, PASSWORD).expectStatus().isUnauthorized();
        auth.login(email, "a brand new passphrase").expectStatus().isOk();
    }

    @Test
    void passwordResetByEmailedTokenEndsEverySession() {
        auth.register(email);
        String access = (String) auth.signIn(email).get("accessToken");
        http.post().uri("/api/v1/auth/password/forgot").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email)).exchange().expectStatus().isAccepted();
        http.post().uri("/api/v1/auth/password/forgot").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", AuthClient.uniqueEmail())).exchange().expectStatus().isAccepted();
        String token = auth.emailedToken("PasswordResetRequested", email);

        reset(token, "weak").expectStatus().isBadRequest();
        reset(token, "reset passphrase that is long").expectStatus().isNoContent();
        reset(token, "another passphrase entirely").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");

        auth.me(access).expectStatus().isUnauthorized();
        auth.login(email, "reset passphrase that is long").expectStatus().isOk();
    }

    @Test
    void accountEndpointsNeedAToken() {
        http.get().uri("/api/v1/auth/me").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthorized");
        auth.register(email);
        String access = (String) auth.signIn(email).get("accessToken");
        http.patch().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(access)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Ada Lovelace")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.displayName").isEqualTo("Ada Lovelace");
        http.patch().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(access)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", " ")).exchange().expectStatus().isBadRequest();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec register(Map<String, String> body) {
        return http.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec verify(String token) {
        return http.post().uri("/api/v1/auth/email/verify").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token)).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec reset(String token, String password) {
        return http.post().uri("/api/v1/auth/password/reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token, "newPassword", password)).exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec changePassword(String access,
            String current, String replacement) {
        return http.post().uri("/api/v1/auth/password").headers(h -> h.setBearerAuth(access))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", current, "newPassword", replacement)).exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> sessions(String access) {
        return (List<Map<String, Object>>) http.get().uri("/api/v1/auth/sessions").headers(h -> h.setBearerAuth(access))
                .exchange().expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("items");
    }

    private List<String> audit(Object userId) {
        return db.sql("SELECT action FROM audit_log WHERE subject_id = :id ORDER BY occurred_at")
                .bind("id", UUID.fromString(userId.toString())).map(r -> r.get("action", String.class)).all()
                .collectList().block();
    }
}
