package dev.surge.identity;

import static dev.surge.identity.AuthClient.JSON;
import static dev.surge.identity.AuthClient.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import dev.surge.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** TOTP two-factor sign-in: enrol, confirm, sign in in two steps, recovery codes, no code twice, switch off. */
class TwoFactorIntegrationTests extends IntegrationTest {

    @Autowired
    DatabaseClient db;

    @Test
    void enrolSignInWithCodesAndRecoveryCodesThenSwitchOff() throws Exception {
        AuthClient auth = new AuthClient(http, db);
        String email = AuthClient.uniqueEmail();
        String userId = (String) auth.register(email).get("id");
        String access = (String) auth.signIn(email).get("accessToken");

        Map<String, Object> setup = post("/api/v1/auth/2fa/setup", access, null).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        String secret = (String) setup.get("secret");
        assertThat((String) setup.get("otpauthUri")).startsWith("otpauth://totp/Surge%3A").contains("secret=" + secret);
        assertThat(db.sql("SELECT totp_pending_secret FROM users WHERE email = :e").bind("e", email)
                .map(r -> r.get("totp_pending_secret", String.class)).one().block()).doesNotContain(secret);

        post("/api/v1/auth/2fa/enable", access, Map.of("password", PASSWORD, "code", "000000")).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_code");
        post("/api/v1/auth/2fa/enable", access, Map.of("password", "not the password", "code", code(secret, 0)))
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("invalid_credentials");
        @SuppressWarnings("unchecked")
        List<String> recovery = (List<String>) post("/api/v1/auth/2fa/enable", access,
                Map.of("password", PASSWORD, "code", code(secret, 0)))
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody().get("recoveryCodes");
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();

        // Password alone is no longer enough.
        Map<String, Object> step = auth.signIn(email);
        assertThat(step).containsEntry("twoFactorRequired", true).doesNotContainKey("accessToken");
        String challenge = (String) step.get("challenge");
        secondStep(Map.of("challenge", challenge, "code", "123456")).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_code");
        String nextCode = code(secret, 30);
        Map<String, Object> signedIn = secondStep(Map.of("challenge", challenge, "code", nextCode)).expectStatus().isOk()
                .expectBody(JSON).returnResult().getResponseBody();
        auth.me((String) signedIn.get("accessToken")).expectStatus().isOk();
        secondStep(Map.of("challenge", challenge, "code", nextCode)).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_challenge");

        // The same code with a fresh challenge: refused, a code works once.
        String again = (String) auth.signIn(email).get("challenge");
        secondStep(Map.of("challenge", again, "code", nextCode)).expectStatus().isUnauthorized();
        // A recovery code works, once.
        secondStep(Map.of("challenge", again, "recoveryCode", recovery.get(0).toUpperCase())).expectStatus().isOk();
        String third = (String) auth.signIn(email).get("challenge");
        secondStep(Map.of("challenge", third, "recoveryCode", recovery.get(0))).expectStatus().isUnauthorized();

        post("/api/v1/auth/2fa/disable", access, Map.of("password", "wrong password!", "code", recovery.get(1)))
                .expectStatus().isUnauthorized();
        post("/api/v1/auth/2fa/disable", access, Map.of("password", PASSWORD, "code", recovery.get(1)))
                .expectStatus().isNoContent();
        assertThat(auth.signIn(email)).containsKey("accessToken");

        assertThat(db.sql("SELECT action FROM audit_log WHERE subject_id = :id").bind("id", UUID.fromString(userId))
                .map(r -> r.get("action", String.class)).all().collectList().block())
                .contains("account.two_factor_enabled", "login.recovery_code_used", "account.two_factor_disabled");
        assertThat(db.sql("SELECT count(*) AS n FROM outbox_events WHERE event_type = 'TwoFactorChanged' AND event_key = :id")
                .bind("id", userId).map(r -> r.get("n", Long.class)).one().block()).isEqualTo(2);
    }

    @Test
    void aChallengeAllowsThreeCodesAndWrongCodesCountTowardsTheLock() throws Exception {
        AuthClient auth = new AuthClient(http, db);
        String email = AuthClient.uniqueEmail();
        auth.register(email);
        String access = (String) auth.signIn(email).get("accessToken");
        String secret = (String) post("/api/v1/auth/2fa/setup", access, null).expectBody(JSON).returnResult()
                .getResponseBody().get("secret");
        post("/api/v1/auth/2fa/enable", access, Map.of("password", PASSWORD, "code", code(secret, 0))).expectStatus().isOk();

        String challenge = (String) auth.signIn(email).get("challenge");
        for (int i = 0; i < 3; i++) {
            secondStep(Map.of("challenge", challenge, "code", "00000" + i)).expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_code");
        }
        // The right code no longer helps: the challenge is spent.
        secondStep(Map.of("challenge", challenge, "code", code(secret, 30))).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_challenge");
        // Three wrong codes plus two wrong passwords make five failures: locked.
        auth.login(email, "wrong password one").expectStatus().isUnauthorized();
        auth.login(email, "wrong password two").expectStatus().isUnauthorized();
        auth.login(email, PASSWORD).expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("account_locked");
    }

    private WebTestClient.ResponseSpec secondStep(Map<String, String> body) {
        return http.post().uri("/api/v1/auth/login/2fa").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec post(String uri, String access, Map<String, String> body) {
        WebTestClient.RequestBodySpec spec = http.post().uri(uri).headers(h -> h.setBearerAuth(access));
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** What an authenticator app shows, {@code offsetSeconds} from now. */
    private static String code(String base32Secret, long offsetSeconds) throws Exception {
        TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
        return totp.generateOneTimePasswordString(new SecretKeySpec(new Base32().decode(base32Secret), totp.getAlgorithm()),
                Instant.now().plusSeconds(offsetSeconds));
    }
}
